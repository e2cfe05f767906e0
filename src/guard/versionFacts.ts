import { parseProjectDocument, parseProjectSettings } from "../loader/componentDocuments";
import { parseJsonWithLines } from "../loader/jsonText";
import { COMPONENTS_DIR, ProjectFiles } from "../loader/projectFiles";
import { DEFAULT_ROOT_VOLUME_GIB } from "../model/project";

/**
 * What the version guard compares between two revisions, read leniently: a component whose document
 * does not parse is simply absent (buildProject reports why), so one broken file does not hide the
 * version problems of the others.
 *
 * A component is identified by (Ubuntu version, settings name): that pair is its Image Builder name,
 * so a document renamed or moved under the same settings name is the same component, and a new
 * settings name is a new component.
 */
export interface ComponentFact {
  /** `<ubuntu version>/<settings name>`, e.g. `24.04/update-os`. */
  readonly key: string;
  readonly ubuntuVersion: string;
  readonly settingsName: string;
  /** Repository-relative path of the document. */
  readonly file: string;
  /** Undefined when the document does not parse or its version is invalid. */
  readonly document:
    | { readonly version: string; readonly contentHash: string; readonly versionLine: number | undefined }
    | undefined;
}

export type RecipeStepFact =
  | { readonly kind: "own"; readonly settingsName: string; readonly key: string }
  | { readonly kind: "managed"; readonly settingsName: string; readonly arn: string };

/** Everything an ImageRecipe version freezes that settings.json controls. */
export interface RecipeFact {
  readonly ubuntuVersion: string;
  readonly recipeVersion: string;
  readonly recipeVersionLine: number | undefined;
  readonly baseAmi: string;
  readonly rootVolumeSizeGiB: number;
  readonly steps: readonly RecipeStepFact[];
}

export interface VersionFacts {
  /** False when settings.json is missing or invalid: then nothing can be compared. */
  readonly settingsOk: boolean;
  readonly components: ReadonlyMap<string, ComponentFact>;
  /** By Ubuntu version. */
  readonly recipes: ReadonlyMap<string, RecipeFact>;
}

export function componentKey(ubuntuVersion: string, settingsName: string): string {
  return `${ubuntuVersion}/${settingsName}`;
}

export interface ReadFactsOptions {
  /**
   * Read settings.json as raw JSON when it does not pass today's schema (for the base revision: it was
   * valid under the rules of its day, and its versions must still be compared). Only entries that
   * are unusable in themselves are skipped. Default: settings.json must pass the schema.
   */
  readonly lenient?: boolean;
}

/** The part of one settings.json entry the facts need, from the schema or read leniently. */
interface FactEntry {
  readonly recipeVersion: string | undefined;
  readonly baseAmi: string;
  readonly rootVolumeSizeGiB: number;
  readonly components: readonly { name: string; file?: string; arn?: string }[];
  readonly sharedComponents: readonly { name: string; file: string }[];
}

/**
 * The version facts of `files`. The parses are shared with buildProject of the same ProjectFiles
 * (src/loader/componentDocuments.ts), so checking and guarding one tree parse each file once.
 */
export function readVersionFacts(files: ProjectFiles, options: ReadFactsOptions = {}): VersionFacts {
  const components = new Map<string, ComponentFact>();
  const recipes = new Map<string, RecipeFact>();
  const settings = settingsEntries(files, options.lenient === true);
  if (settings === undefined) return { settingsOk: false, components, recipes };

  const addComponent = (ubuntuVersion: string, settingsName: string, file: string): string => {
    const key = componentKey(ubuntuVersion, settingsName);
    const relPath = `${COMPONENTS_DIR}/${ubuntuVersion}/${file}`;
    const doc = parseProjectDocument(files, relPath);
    components.set(key, {
      key,
      ubuntuVersion,
      settingsName,
      file: relPath,
      document: doc?.ok
        ? {
            version: doc.value.version,
            contentHash: doc.value.contentHash,
            versionLine: doc.value.parsed.lineOf(["component_version"]),
          }
        : undefined,
    });
    return key;
  };

  for (const [ubuntuVersion, entry] of settings.entries) {
    const steps: RecipeStepFact[] = [];
    for (const c of entry.components) {
      if (c.file !== undefined)
        steps.push({ kind: "own", settingsName: c.name, key: addComponent(ubuntuVersion, c.name, c.file) });
      else if (c.arn !== undefined) steps.push({ kind: "managed", settingsName: c.name, arn: c.arn });
    }
    for (const c of entry.sharedComponents) addComponent(ubuntuVersion, c.name, c.file);
    if (entry.recipeVersion === undefined) continue;
    recipes.set(ubuntuVersion, {
      ubuntuVersion,
      recipeVersion: entry.recipeVersion,
      recipeVersionLine: settings.lineOf(["supported_ubuntu_versions", ubuntuVersion, "recipe_version"]),
      baseAmi: entry.baseAmi,
      rootVolumeSizeGiB: entry.rootVolumeSizeGiB,
      steps,
    });
  }
  return { settingsOk: true, components, recipes };
}

type LineOf = (p: (string | number)[]) => number | undefined;

function settingsEntries(
  files: ProjectFiles,
  lenient: boolean,
): { entries: [string, FactEntry][]; lineOf: LineOf } | undefined {
  const strict = parseProjectSettings(files);
  if (strict.ok) {
    return {
      lineOf: strict.lineOf,
      entries: Object.entries(strict.settings.supported_ubuntu_versions).map(([v, e]) => [
        v,
        {
          recipeVersion: e.recipe_version,
          baseAmi: e.base_ami,
          rootVolumeSizeGiB: e.root_volume_size ?? DEFAULT_ROOT_VOLUME_GIB,
          components: e.components,
          sharedComponents: e.shared_components ?? [],
        },
      ]),
    };
  }
  if (!lenient || files.settings === undefined) return undefined;
  const json = parseJsonWithLines(files.settings);
  if (!json.ok) return undefined;
  const versions = field(json.value, "supported_ubuntu_versions");
  if (!isObject(versions)) return undefined;
  const named = (list: unknown) =>
    (Array.isArray(list) ? list : []).filter(
      (c): c is Record<string, unknown> => isObject(c) && typeof c.name === "string",
    );
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  const entries: [string, FactEntry][] = [];
  for (const [v, e] of Object.entries(versions)) {
    if (!isObject(e)) continue;
    entries.push([
      v,
      {
        recipeVersion: text(e.recipe_version),
        baseAmi: text(e.base_ami) ?? JSON.stringify(e.base_ami ?? null),
        rootVolumeSizeGiB:
          typeof e.root_volume_size === "number" ? e.root_volume_size : DEFAULT_ROOT_VOLUME_GIB,
        components: named(e.components).map((c) => ({
          name: c.name as string,
          file: text(c.file),
          arn: text(c.file) === undefined ? text(c.arn) : undefined,
        })),
        sharedComponents: named(e.shared_components).flatMap((c) =>
          typeof c.file === "string" ? [{ name: c.name as string, file: c.file }] : [],
        ),
      },
    ]);
  }
  return { entries, lineOf: json.lineOf };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function field(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}
