import type { BaseRef } from "../guard/baseRef";
import { readBaseFacts } from "../guard/check";
import { readVersionFacts } from "../guard/versionFacts";
import { analyzeVersions, guardProblems } from "../guard/versionGuard";
import { readProjectFiles } from "../loader/projectFiles";
import { Problem } from "../validation/problem";
import { PlanDiff } from "./diffPlans";
import { SameVersionReplacement, sameVersionReplacements } from "./sameVersionReplacements";

/**
 * Why a change would fail in AWS: the version guard's errors (src/guard, the same as `npm run
 * check -- --base REF`), plus each same-version replacement the plan sees that the guard did not
 * already report (the guard compares files; the plan also catches a change made in code).
 *
 * The guard compares files only, so it runs whether or not the base's program could be evaluated;
 * `diff` is undefined when it could not, and then only the guard's errors are reported.
 */
export function changeErrors(root: string, base: BaseRef, diff: PlanDiff | undefined): Problem[] {
  const analysis = analyzeVersions(readBaseFacts(root, base), readVersionFacts(readProjectFiles(root)), {
    baseLabel: base.ref,
  });
  const guard = guardProblems(analysis, base.ref).filter((p) => p.severity === "error");
  if (diff === undefined) return guard;
  // The same component (by its document) or recipe (by its Ubuntu version) as a guard finding.
  const covered = (r: SameVersionReplacement) =>
    r.kind === "component"
      ? analysis.components.some((f) => f.work.file === r.file)
      : analysis.recipes.some((f) => f.work.ubuntuVersion === r.ubuntuVersion);
  const extra = sameVersionReplacements(diff.changed)
    .filter((r) => !covered(r))
    .map((r) => r.problem);
  return [...guard, ...extra];
}
