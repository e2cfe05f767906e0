import { Problem, problem } from "../validation/problem";
import { ResourceChange } from "./diffPlans";

/**
 * The one failure a plan can foresee for certain: Image Builder components and recipes are
 * immutable per name and version, so replacing one while keeping both makes AWS answer
 * ResourceAlreadyExistsException. Each such change becomes an error saying what to bump.
 *
 * Kept in one function so it can later delegate to the version guard (src/guard) when that lands.
 */
export const SAME_VERSION_RULE = "plan/same-version-replace";

export function sameVersionReplacements(changed: readonly ResourceChange[]): Problem[] {
  const problems: Problem[] = [];
  for (const c of changed) {
    if (c.action !== "replace") continue;
    const { old, new: head } = c;
    if (old.inputs.name !== head.inputs.name || old.inputs.version !== head.inputs.version) continue;
    const version = String(head.inputs.version);
    const what = c.changes
      .filter((x) => x.replaces)
      .map((x) => x.path.split(/[.[]/)[0])
      .filter((p, i, all) => all.indexOf(p) === i)
      .join(", ");
    const tags = (head.inputs.tags ?? {}) as Record<string, unknown>;
    if (c.type === "aws:imagebuilder/component:Component") {
      const file = typeof tags.source_file === "string" ? tags.source_file : "components/";
      problems.push(
        problem(
          file,
          SAME_VERSION_RULE,
          `component ${String(head.inputs.name)} ${version} already exists in AWS and cannot change (${what} changed): bump component_version, e.g. to ${nextPatch(version)}`,
        ),
      );
    } else if (c.type === "aws:imagebuilder/imageRecipe:ImageRecipe") {
      const ubuntu = typeof tags.ubuntu_version === "string" ? ` of "${tags.ubuntu_version}"` : "";
      problems.push(
        problem(
          "settings.json",
          SAME_VERSION_RULE,
          `recipe ${String(head.inputs.name)} ${version} already exists in AWS and cannot change (${what} changed): bump recipe_version${ubuntu}, e.g. to ${nextPatch(version)}`,
        ),
      );
    }
  }
  return problems;
}

function nextPatch(version: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  return m ? `${m[1]}.${m[2]}.${Number(m[3]) + 1}` : `a version after ${version}`;
}
