import * as fs from "node:fs";
import type { BaseRef } from "../guard/baseRef";
import { readStackConfigFile, stackConfigPath } from "../loader/stackConfigFile";
import { Problem, formatProblem, sortProblems } from "../validation/problem";
import type { PlanDiff } from "./diffPlans";
import { ProgramFailure, evaluateProgram } from "./evaluateProgram";
import { PLAN_FORMAT_VERSION, Plan, toPlan } from "./planDocument";
import { PlanUsageError } from "./planUsageError";
import { BaseInfo, diffDocument, planJson } from "./renderJson";
import { renderChangeErrors, renderDiffText } from "./renderDiffText";
import { renderPlanText } from "./renderPlanText";
import { mockEnvironment, projectName } from "./stackEnvironment";

export interface PlanRequest {
  /** The repository: stack files, settings, components, git. */
  readonly root: string;
  /** The working tree's program entry: dist/index.js for the CLI, index.ts under ts-node in tests. */
  readonly entry: string;
  readonly stack: string;
  /** A git revision to compare with (`--base`): its merge base with HEAD is evaluated. */
  readonly base?: string;
}

export type PlanOutcome =
  /** The working tree fails validation: nothing is planned. */
  | { readonly kind: "invalid"; readonly problems: readonly Problem[] }
  | { readonly kind: "plan"; readonly plan: Plan }
  | {
      readonly kind: "diff";
      readonly plan: Plan;
      readonly base: BaseInfo;
      /** Undefined when the base could not be evaluated. */
      readonly diff: PlanDiff | undefined;
      /** What AWS would reject: the change cannot deploy. */
      readonly errors: readonly Problem[];
    };

/** What the program's edge throws on invalid input (any copy of the class: the base has its own). */
function validationProblems(thrown: unknown): readonly Problem[] | undefined {
  const err = thrown instanceof ProgramFailure ? thrown.cause : thrown;
  if (
    err instanceof Error &&
    err.name === "ValidationError" &&
    Array.isArray((err as { problems?: unknown }).problems)
  ) {
    return (err as unknown as { problems: readonly Problem[] }).problems;
  }
  return undefined;
}

async function loadBaseModules() {
  const [baseRef, worktree, transpile, diff, errors] = await Promise.all([
    import("../guard/baseRef"),
    import("./baseWorktree"),
    import("./transpileOnLoad"),
    import("./diffPlans"),
    import("./changeErrors"),
  ]);
  return {
    resolveBase: baseRef.resolveBase,
    withWorktree: worktree.withWorktree,
    withTranspiledTypeScript: transpile.withTranspiledTypeScript,
    diffPlans: diff.diffPlans,
    changeErrors: errors.changeErrors,
  };
}

/** Evaluates one checkout's program for a stack under mocks; throws what the program throws. */
export async function planAt(root: string, entry: string, stack: string): Promise<Plan> {
  if (!fs.existsSync(stackConfigPath(root, stack))) {
    throw new PlanUsageError(`no stack "${stack}": Pulumi.${stack}.yaml does not exist`);
  }
  const config = readStackConfigFile(root, stack);
  const env = mockEnvironment(config);
  const project = projectName(root);
  const run = await evaluateProgram({ entry, project, stack, config, env });
  return toPlan(run, { project, stack, account: env.account, region: env.region });
}

/**
 * The plan of a stack, or with `base` what the working tree changes relative to that revision.
 * The base is evaluated from a temporary worktree, transpiled, so code and data are both its own.
 */
export async function runPlan(request: PlanRequest): Promise<PlanOutcome> {
  // What only --base needs (git, the guard, the diff) loads only for --base: a plain plan stays lean.
  const base = request.base === undefined ? undefined : await loadBaseModules();
  // The merge base of HEAD with the ref, as `npm run check -- --base REF` compares with: versions
  // bumped on the ref after the branch left it are not changes of the branch.
  let baseRef: BaseRef | undefined;
  if (request.base !== undefined && base !== undefined) {
    const resolved = base.resolveBase(request.root, request.base);
    if (!resolved.ok) throw new PlanUsageError(`--base ${request.base}: ${resolved.message}`);
    baseRef = resolved.base;
  }
  let plan: Plan;
  try {
    plan = await planAt(request.root, request.entry, request.stack);
  } catch (err) {
    const problems = validationProblems(err);
    if (problems) return { kind: "invalid", problems: sortProblems(problems) };
    // A bug rather than invalid input: report the program's own error, with its stack.
    throw err instanceof ProgramFailure ? err.cause : err;
  }
  if (baseRef === undefined || base === undefined) return { kind: "plan", plan };
  const { withWorktree, withTranspiledTypeScript, diffPlans, changeErrors } = base;

  const { ref, commit } = baseRef;
  type BaseResult = { plan: Plan } | { problems: readonly Problem[] } | { error: string };
  const baseResult = await withWorktree(request.root, commit, async (dir): Promise<BaseResult> => {
    try {
      return { plan: await withTranspiledTypeScript(dir, (entry) => planAt(dir, entry, request.stack)) };
    } catch (err) {
      const problems = validationProblems(err);
      if (problems) return { problems: sortProblems(problems) };
      const cause = err instanceof ProgramFailure ? err.cause : err;
      return { error: cause instanceof Error ? cause.message : String(cause) };
    }
  });
  if (!("plan" in baseResult)) {
    return {
      kind: "diff",
      plan,
      base: { ref, commit, evaluated: false, ...baseResult },
      diff: undefined,
      // The guard compares files, not programs: a base that cannot run still has versions to compare.
      errors: changeErrors(request.root, baseRef, undefined),
    };
  }
  const diff = diffPlans(baseResult.plan, plan);
  return {
    kind: "diff",
    plan,
    base: { ref, commit, evaluated: true },
    diff,
    errors: changeErrors(request.root, baseRef, diff),
  };
}

export interface RenderedOutcome {
  readonly output: string;
  /** 0: planned; 1: invalid, or the change would fail in AWS. */
  readonly exitCode: 0 | 1;
}

export function renderOutcome(outcome: PlanOutcome, json: boolean): RenderedOutcome {
  switch (outcome.kind) {
    case "invalid": {
      const errors = outcome.problems.filter((p) => p.severity === "error").length;
      const output = json
        ? `${JSON.stringify({ planFormatVersion: PLAN_FORMAT_VERSION, kind: "invalid", problems: outcome.problems }, null, 2)}\n`
        : `dc-image-builder: ${errors} problem(s); nothing was planned:\n${outcome.problems.map((p) => `  ${formatProblem(p)}`).join("\n")}\n`;
      return { output, exitCode: 1 };
    }
    case "plan":
      return { output: json ? planJson(outcome.plan) : renderPlanText(outcome.plan), exitCode: 0 };
    case "diff": {
      const exitCode = outcome.errors.length > 0 ? 1 : 0;
      if (json) {
        return {
          output: `${JSON.stringify(diffDocument(outcome.base, outcome.plan, outcome.diff, outcome.errors), null, 2)}\n`,
          exitCode,
        };
      }
      if (!outcome.diff) {
        return {
          output:
            baseNotEvaluated(outcome.base) +
            renderPlanText(outcome.plan) +
            renderChangeErrors(outcome.errors),
          exitCode,
        };
      }
      return { output: renderDiffText(outcome.base, outcome.plan, outcome.diff, outcome.errors), exitCode };
    }
  }
}

function baseNotEvaluated(base: BaseInfo): string {
  const why = base.problems
    ? base.problems.map((p) => `  ${formatProblem(p)}`).join("\n")
    : `  ${base.error ?? "unknown error"}`;
  return (
    `note: base ${base.ref} (${base.commit.slice(0, 12)}) could not be evaluated, so there is no plan to compare with:\n` +
    `${why}\nThe plan of the working tree follows (the version guard still compared the files).\n\n`
  );
}
