import * as path from "node:path";
import { parseManagedComponentArn } from "../imagebuilder/managedComponentArn";
import { baseImageName, componentName, nameProblem } from "../imagebuilder/naming";
import { PARENT_IMAGE_HINT, parentImageKind, parentImageRegion } from "../imagebuilder/parentImage";
import { ComponentSpec, DEFAULT_ROOT_VOLUME_GIB, ImageSpec, ProjectSpec, RecipeStep } from "../model/project";
import { Problem, hasErrors, problem } from "../validation/problem";
import {
  DocumentValidator,
  checkComponentDocument,
  parseProjectDocument,
  parseProjectSettings,
  validateAwstoe,
} from "./componentDocuments";
import { COMPONENTS_DIR, ProjectFiles, SETTINGS_FILE } from "./projectFiles";

export { DocumentValidator, validateAwstoe } from "./componentDocuments";

export interface BuildOptions {
  /**
   * The regions of the stacks the project deploys to: AWS-managed ARNs and image ARNs must be in
   * each (one problem per region one is not in). Omit both this and `region` to skip that check.
   */
  readonly regions?: readonly string[];
  /** One stack's region: the same as `regions: [region]`. */
  readonly region?: string;
}

export interface BuildResult {
  /** Present when there is no error (notes may remain). */
  readonly project: ProjectSpec | undefined;
  readonly problems: Problem[];
}

/**
 * Validates settings.json against components/ and turns them into a ProjectSpec, reporting every
 * problem at once. Pure: files arrive as text, so this runs on a work tree or a git revision alike.
 * Each document is parsed once per `files` (parseProjectDocument), so the version facts of the same
 * files reuse these parses.
 */
export function buildProject(
  files: ProjectFiles,
  options: BuildOptions = {},
  validateDocument: DocumentValidator = validateAwstoe,
): BuildResult {
  const problems: Problem[] = [];
  const regions = [...new Set(options.regions ?? (options.region !== undefined ? [options.region] : []))];
  const settings = parseProjectSettings(files);
  if (!settings.ok) return { project: undefined, problems: settings.problems };
  const lineOf = settings.lineOf;
  const settingsProblem = (rule: string, message: string, at: (string | number)[]) =>
    problems.push(problem(SETTINGS_FILE, rule, message, lineOf(["supported_ubuntu_versions", ...at])));

  const components: ComponentSpec[] = [];
  const images: ImageSpec[] = [];
  const usedFiles = new Set<string>();

  for (const [ubuntuVersion, entry] of Object.entries(settings.settings.supported_ubuntu_versions)) {
    const names = new Map<string, string>();
    const fileOwners = new Map<string, string>();
    const checkName = (name: string, at: (string | number)[]) => {
      const first = names.get(name);
      if (first !== undefined) {
        settingsProblem(
          "settings/duplicate-name",
          `Ubuntu ${ubuntuVersion}: component name "${name}" is used twice (${first} and ${at.join(".")})`,
          at,
        );
      } else {
        names.set(name, at.join("."));
      }
    };
    const ownComponent = (name: string, file: string, inBaseRecipe: boolean, at: (string | number)[]) => {
      const relPath = `${COMPONENTS_DIR}/${ubuntuVersion}/${file}`;
      if (path.posix.normalize(file) !== file || file.startsWith("/") || file.startsWith("..")) {
        settingsProblem(
          "settings/file-path",
          `Ubuntu ${ubuntuVersion}: "${file}" must be a plain path inside ${COMPONENTS_DIR}/${ubuntuVersion}/`,
          [...at, "file"],
        );
        return undefined;
      }
      const other = fileOwners.get(file);
      if (other !== undefined) {
        settingsProblem(
          "settings/duplicate-file",
          `Ubuntu ${ubuntuVersion}: "${file}" is used by both "${other}" and "${name}"`,
          [...at, "file"],
        );
        return undefined;
      }
      fileOwners.set(file, name);
      usedFiles.add(relPath);
      const doc = parseProjectDocument(files, relPath);
      if (doc === undefined) {
        settingsProblem(
          "settings/missing-file",
          `Ubuntu ${ubuntuVersion}: component "${name}" names ${relPath}, which does not exist`,
          [...at, "file"],
        );
        return undefined;
      }
      const imageBuilderName = componentName(name, ubuntuVersion);
      const badName = nameProblem(imageBuilderName);
      if (badName) {
        settingsProblem(
          "imagebuilder/name",
          `Ubuntu ${ubuntuVersion}: component "${name}" would be named ${badName}`,
          [...at, "name"],
        );
      }
      const documentProblems = checkComponentDocument(doc, relPath, validateDocument);
      problems.push(...documentProblems);
      if (!doc.ok || badName || hasErrors(documentProblems)) return undefined;
      const spec: ComponentSpec = {
        name: imageBuilderName,
        settingsName: name,
        ubuntuVersion,
        file: relPath,
        version: doc.value.version,
        description: doc.value.description,
        data: doc.value.data,
        contentHash: doc.value.contentHash,
        inBaseRecipe,
      };
      components.push(spec);
      return spec;
    };

    const steps: RecipeStep[] = [];
    entry.components.forEach((c, i) => {
      const at = [ubuntuVersion, "components", i];
      checkName(c.name, at);
      if (c.file !== undefined) {
        const spec = ownComponent(c.name, c.file, true, at);
        if (spec) steps.push({ kind: "own", settingsName: c.name, component: spec.name });
      } else if (c.arn !== undefined) {
        const arn = parseManagedComponentArn(c.arn);
        if (typeof arn === "string") {
          settingsProblem("imagebuilder/managed-arn", `Ubuntu ${ubuntuVersion}: ${arn}`, [...at, "arn"]);
        } else {
          const wrong = regions.filter((r) => r !== arn.region);
          for (const region of wrong) {
            settingsProblem(
              "imagebuilder/managed-arn-region",
              `Ubuntu ${ubuntuVersion}: "${c.arn}" is in ${arn.region}, but the stack deploys to ${region}; a recipe can only use AWS-managed components of its own region`,
              [...at, "arn"],
            );
          }
          if (wrong.length === 0) steps.push({ kind: "managed", settingsName: c.name, arn: c.arn });
        }
      }
    });
    (entry.shared_components ?? []).forEach((c, i) => {
      const at = [ubuntuVersion, "shared_components", i];
      checkName(c.name, at);
      ownComponent(c.name, c.file, false, at);
    });

    const kind = parentImageKind(entry.base_ami);
    const imageRegion = parentImageRegion(entry.base_ami);
    if (kind === undefined) {
      settingsProblem(
        "settings/base-ami",
        `Ubuntu ${ubuntuVersion}: base_ami "${entry.base_ami}" is not ${PARENT_IMAGE_HINT}`,
        [ubuntuVersion, "base_ami"],
      );
    } else if (imageRegion !== undefined) {
      for (const region of regions.filter((r) => r !== imageRegion)) {
        settingsProblem(
          "settings/base-ami-region",
          `Ubuntu ${ubuntuVersion}: base_ami "${entry.base_ami}" is in ${imageRegion}, but the stack deploys to ${region}`,
          [ubuntuVersion, "base_ami"],
        );
      }
    }
    images.push({
      ubuntuVersion,
      name: baseImageName(ubuntuVersion),
      recipeVersion: entry.recipe_version,
      parentImage: entry.base_ami,
      rootVolumeSizeGiB: entry.root_volume_size ?? DEFAULT_ROOT_VOLUME_GIB,
      steps,
    });
  }

  for (const file of files.components.keys()) {
    if (!/\.ya?ml$/.test(file) || usedFiles.has(file)) continue;
    problems.push(
      problem(
        file,
        "component/unused",
        `no entry in ${SETTINGS_FILE} uses this document: add it to "components" or "shared_components" of its Ubuntu version, or delete it`,
      ),
    );
  }

  return { project: hasErrors(problems) ? undefined : { components, images }, problems };
}
