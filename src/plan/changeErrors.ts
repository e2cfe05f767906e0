import type { BaseRef } from "../guard/baseRef";
import { guardAgainst } from "../guard/check";
import { readProjectFiles } from "../loader/projectFiles";
import { Problem } from "../validation/problem";
import { PlanDiff } from "./diffPlans";
import { sameVersionReplacements } from "./sameVersionReplacements";

/**
 * Why a change would fail in AWS: the version guard's errors (src/guard, the same as `npm run
 * check -- --base REF`), plus each same-version replacement the plan sees that the guard did not
 * already report (the guard compares files; the plan also catches a change made in code).
 */
export function changeErrors(root: string, base: BaseRef, diff: PlanDiff): Problem[] {
  const guard = guardAgainst(root, readProjectFiles(root), base).filter((p) => p.severity === "error");
  const covered = (r: ReturnType<typeof sameVersionReplacements>[number]) =>
    r.kind === "component"
      ? guard.some((p) => p.file === r.file && p.rule.startsWith("guard/component-"))
      : guard.some(
          (p) => p.rule.startsWith("guard/recipe-") && p.message.startsWith(`Ubuntu ${r.ubuntuVersion}:`),
        );
  const extra = sameVersionReplacements(diff.changed)
    .filter((r) => !covered(r))
    .map((r) => r.problem);
  return [...guard, ...extra];
}
