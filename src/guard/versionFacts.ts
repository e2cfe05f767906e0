import { parseProjectDocument, parseProjectSettings } from "../loader/componentDocuments";
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

/**
 * The version facts of `files`. The parses are shared with buildProject of the same ProjectFiles
 * (src/loader/componentDocuments.ts), so checking and guarding one tree parse each file once.
 */
export function readVersionFacts(files: ProjectFiles): VersionFacts {
  const components = new Map<string, ComponentFact>();
  const recipes = new Map<string, RecipeFact>();
  const settings = parseProjectSettings(files);
  if (!settings.ok) return { settingsOk: false, components, recipes };

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

  for (const [ubuntuVersion, entry] of Object.entries(settings.settings.supported_ubuntu_versions)) {
    const steps: RecipeStepFact[] = [];
    for (const c of entry.components) {
      if (c.file !== undefined)
        steps.push({ kind: "own", settingsName: c.name, key: addComponent(ubuntuVersion, c.name, c.file) });
      else if (c.arn !== undefined) steps.push({ kind: "managed", settingsName: c.name, arn: c.arn });
    }
    for (const c of entry.shared_components ?? []) addComponent(ubuntuVersion, c.name, c.file);
    recipes.set(ubuntuVersion, {
      ubuntuVersion,
      recipeVersion: entry.recipe_version,
      recipeVersionLine: settings.lineOf(["supported_ubuntu_versions", ubuntuVersion, "recipe_version"]),
      baseAmi: entry.base_ami,
      rootVolumeSizeGiB: entry.root_volume_size ?? DEFAULT_ROOT_VOLUME_GIB,
      steps,
    });
  }
  return { settingsOk: true, components, recipes };
}
