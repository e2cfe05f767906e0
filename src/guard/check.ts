import { DocumentValidator, buildProject } from "../loader/buildProject";
import { ProjectFiles, readProjectFiles } from "../loader/projectFiles";
import { checkStacks } from "../loader/stackConfigFile";
import { Problem, hasErrors, sortProblems } from "../validation/problem";
import { BaseRef, resolveBase } from "./baseRef";
import { GitReadError, readProjectFilesAtRevision } from "./gitSnapshot";
import { analyzeVersions, guardProblems } from "./versionGuard";
import { VersionFacts, readVersionFacts } from "./versionFacts";

export interface CheckOptions {
  /** The repository root (where settings.json and Pulumi.yaml are). */
  readonly root: string;
  /** `--base REF`; default: the merge base of HEAD with origin/main, else main. */
  readonly base?: string;
  /** Document structure checks; default: AWSTOE's, as buildProject applies them for the program. */
  readonly validateDocument?: DocumentValidator;
}

export interface CheckResult {
  readonly problems: Problem[];
  /** The revision compared with, or why there is none (the guard did not run: exit 2). */
  readonly base:
    { readonly ok: true; readonly ref: BaseRef } | { readonly ok: false; readonly message: string };
  readonly filesChecked: number;
  /** 0 clean (notes allowed), 1 any error, 2 the base revision is missing. */
  readonly exitCode: 0 | 1 | 2;
}

/**
 * `npm run check`: settings.json and every component document with the program's own rules
 * (buildProject, with every stack's region), every stack's config, and the version guard against base.
 */
export function runCheck(options: CheckOptions): CheckResult {
  const { root } = options;
  const files = readProjectFiles(root);
  const stacks = checkStacks(root);
  const problems: Problem[] = [
    ...stacks.problems,
    ...buildProject(files, { regions: stacks.regions }, options.validateDocument).problems,
  ];

  const resolved = resolveBase(root, options.base);
  let base: CheckResult["base"] = resolved.ok
    ? { ok: true, ref: resolved.base }
    : { ok: false, message: resolved.message };
  if (resolved.ok) {
    try {
      problems.push(...guardAgainst(root, files, resolved.base));
    } catch (err) {
      if (!(err instanceof GitReadError)) throw err;
      base = { ok: false, message: `cannot read the base revision ${resolved.base.ref}: ${err.message}` };
    }
  }
  return {
    problems: sortProblems(problems),
    base,
    filesChecked: (files.settings === undefined ? 0 : 1) + files.components.size + stacks.stacks.length,
    exitCode: !base.ok ? 2 : hasErrors(problems) ? 1 : 0,
  };
}

/**
 * The base revision's version facts, settings.json read leniently (a base valid under the rules of
 * its day is still compared). Throws GitReadError when git cannot read the revision.
 */
export function readBaseFacts(root: string, base: Pick<BaseRef, "commit">): VersionFacts {
  return readVersionFacts(readProjectFilesAtRevision(root, base.commit), { lenient: true });
}

/** The version guard alone: the work tree's files against the base revision's. */
export function guardAgainst(root: string, work: ProjectFiles, base: BaseRef): Problem[] {
  const analysis = analyzeVersions(readBaseFacts(root, base), readVersionFacts(work), {
    baseLabel: base.ref,
  });
  return guardProblems(analysis, base.ref);
}
