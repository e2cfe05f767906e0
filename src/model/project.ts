/**
 * The validated project: what settings.json and components/ describe, independent of any stack.
 * Loaders produce it; ComponentResources consume it and never read files themselves.
 */

export interface ComponentSpec {
  /** Key used in stack outputs and resource names: the Image Builder component name. */
  readonly name: string;
  /** The name given in settings.json. */
  readonly settingsName: string;
  readonly ubuntuVersion: string;
  /** Repository-relative path of the document. */
  readonly file: string;
  readonly version: string;
  readonly description: string | undefined;
  /** Canonical AWSTOE YAML without component_version. */
  readonly data: string;
  readonly contentHash: string;
  /** False for components that are only built and shared (settings `shared_components`). */
  readonly inBaseRecipe: boolean;
}

/** One step of a recipe, in execution order. */
export type RecipeStep =
  | { readonly kind: "own"; readonly settingsName: string; readonly component: string }
  | { readonly kind: "managed"; readonly settingsName: string; readonly arn: string };

export interface ImageSpec {
  readonly ubuntuVersion: string;
  /** Recipe, distribution configuration and pipeline name. */
  readonly name: string;
  readonly recipeVersion: string;
  readonly parentImage: string;
  readonly rootVolumeSizeGiB: number;
  readonly steps: readonly RecipeStep[];
}

export interface ProjectSpec {
  readonly components: readonly ComponentSpec[];
  readonly images: readonly ImageSpec[];
}

export const DEFAULT_ROOT_VOLUME_GIB = 20;
