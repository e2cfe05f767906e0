import * as path from "node:path";
import { validateAwstoeDocument } from "../awstoe/validateAwstoeDocument";
import { parseComponentDocument } from "../documents/componentDocument";
import { parseManagedComponentArn } from "../imagebuilder/managedComponentArn";
import { baseImageName, componentName, nameProblem } from "../imagebuilder/naming";
import { PARENT_IMAGE_HINT, parentImageKind, parentImageRegion } from "../imagebuilder/parentImage";
import { ComponentSpec, DEFAULT_ROOT_VOLUME_GIB, ImageSpec, ProjectSpec, RecipeStep } from "../model/project";
import { settingsSchema } from "../settings/settingsSchema";
import { Problem, hasErrors, problem } from "../validation/problem";
import { zodProblems } from "../validation/zodProblems";
import { parseJsonWithLines } from "./jsonText";
import { COMPONENTS_DIR, ProjectFiles, SETTINGS_FILE } from "./projectFiles";

export interface BuildOptions {
  /** The stack's region: AWS-managed ARNs and image ARNs must be in it. Omit to skip that check. */
  readonly region?: string;
}

export interface BuildResult {
  /** Present when there is no error (notes may remain). */
  readonly project: ProjectSpec | undefined;
  readonly problems: Problem[];
}

/** Structural document checks; AWSTOE's by default, replaceable in tests. */
export type DocumentValidator = (
  document: unknown,
  file: string,
  lineOf: (p: (string | number)[]) => number | undefined,
) => Problem[];

/** Every component this project builds is a Linux component (see VersionedComponent). */
export const validateAwstoe: DocumentValidator = (document, file, lineOf) =>
  validateAwstoeDocument(document, { file, lineOf, platform: "Linux" });

/**
 * Validates settings.json against components/ and turns them into a ProjectSpec, reporting every
 * problem at once. Pure: files arrive as text, so this runs on a work tree or a git revision alike.
 */
export function buildProject(
  files: ProjectFiles,
  options: BuildOptions = {},
  validateDocument: DocumentValidator = validateAwstoe,
): BuildResult {
  const problems: Problem[] = [];
  if (files.settings === undefined) {
    return {
      project: undefined,
      problems: [
        problem(SETTINGS_FILE, "settings/missing", `${SETTINGS_FILE} is missing at the repository root`),
      ],
    };
  }
  const json = parseJsonWithLines(files.settings);
  if (!json.ok) {
    return {
      project: undefined,
      problems: [problem(SETTINGS_FILE, "settings/syntax", `malformed JSON: ${json.message}`, json.line)],
    };
  }
  const parsed = settingsSchema.safeParse(json.value);
  if (!parsed.success) {
    return {
      project: undefined,
      problems: zodProblems(parsed.error, SETTINGS_FILE, "settings/schema", json.lineOf),
    };
  }
  const lineOf = json.lineOf;
  const settingsProblem = (rule: string, message: string, at: (string | number)[]) =>
    problems.push(problem(SETTINGS_FILE, rule, message, lineOf(["supported_ubuntu_versions", ...at])));

  const components: ComponentSpec[] = [];
  const images: ImageSpec[] = [];
  const usedFiles = new Set<string>();

  for (const [ubuntuVersion, entry] of Object.entries(parsed.data.supported_ubuntu_versions)) {
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
      const text = files.components.get(relPath);
      if (text === undefined) {
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
      const doc = parseComponentDocument(text, relPath);
      if (!doc.ok) {
        problems.push(...doc.problems);
        return undefined;
      }
      const documentProblems = validateDocument(doc.value.document, relPath, doc.value.parsed.lineOf);
      problems.push(...documentProblems);
      if (badName || hasErrors(documentProblems)) return undefined;
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
        } else if (options.region !== undefined && arn.region !== options.region) {
          settingsProblem(
            "imagebuilder/managed-arn-region",
            `Ubuntu ${ubuntuVersion}: "${c.arn}" is in ${arn.region}, but the stack deploys to ${options.region}; a recipe can only use AWS-managed components of its own region`,
            [...at, "arn"],
          );
        } else {
          steps.push({ kind: "managed", settingsName: c.name, arn: c.arn });
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
    } else if (imageRegion !== undefined && options.region !== undefined && imageRegion !== options.region) {
      settingsProblem(
        "settings/base-ami-region",
        `Ubuntu ${ubuntuVersion}: base_ami "${entry.base_ami}" is in ${imageRegion}, but the stack deploys to ${options.region}`,
        [ubuntuVersion, "base_ami"],
      );
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
