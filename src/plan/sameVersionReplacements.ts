import { bumpVersion } from "../imagebuilder/version";
import { Problem, problem } from "../validation/problem";
import { ResourceChange } from "./diffPlans";

/**
 * The failure a plan can foresee for certain: Image Builder components and recipes are immutable
 * per name and version, so replacing one while keeping both makes AWS answer
 * ResourceAlreadyExistsException. Unlike the version guard, which compares files, this sees every
 * cause, a change to the program's code included.
 */
export const SAME_VERSION_RULE = "plan/same-version-replace";

export interface SameVersionReplacement {
  readonly kind: "component" | "recipe";
  readonly name: string;
  readonly version: string;
  /** The component's document, from its `source_file` tag (components only). */
  readonly file: string | undefined;
  /** From the `ubuntu_version` tag. */
  readonly ubuntuVersion: string | undefined;
  /** Top-level inputs that changed and force the replacement. */
  readonly inputs: readonly string[];
  readonly problem: Problem;
}

export function sameVersionReplacements(changed: readonly ResourceChange[]): SameVersionReplacement[] {
  const found: SameVersionReplacement[] = [];
  for (const c of changed) {
    const kind =
      c.type === "aws:imagebuilder/component:Component"
        ? "component"
        : c.type === "aws:imagebuilder/imageRecipe:ImageRecipe"
          ? "recipe"
          : undefined;
    if (kind === undefined || c.action !== "replace") continue;
    const { old, new: head } = c;
    if (old.inputs.name !== head.inputs.name || old.inputs.version !== head.inputs.version) continue;
    const name = String(head.inputs.name);
    const version = String(head.inputs.version);
    const inputs = [...new Set(c.changes.filter((x) => x.replaces).map((x) => x.path.split(/[.[]/)[0]))];
    const tags = (head.inputs.tags ?? {}) as Record<string, unknown>;
    const file = typeof tags.source_file === "string" ? tags.source_file : undefined;
    const ubuntuVersion = typeof tags.ubuntu_version === "string" ? tags.ubuntu_version : undefined;
    const why = `${kind} ${name} ${version} already exists in AWS and cannot change (${inputs.join(", ")} changed)`;
    const p =
      kind === "component"
        ? problem(
            file ?? "components/",
            SAME_VERSION_RULE,
            `${why}: bump component_version, e.g. to ${bumpVersion(version, "patch")}`,
          )
        : problem(
            "settings.json",
            SAME_VERSION_RULE,
            `${why}: bump recipe_version${ubuntuVersion === undefined ? "" : ` of "${ubuntuVersion}"`}, e.g. to ${bumpVersion(version, "patch")}`,
          );
    found.push({ kind, name, version, file, ubuntuVersion, inputs, problem: p });
  }
  return found;
}
