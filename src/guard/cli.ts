import * as path from "node:path";
import { parseArgs } from "node:util";
import { BumpLevel } from "../imagebuilder/version";
import { readProjectFiles } from "../loader/projectFiles";
import { findProjectRoot } from "../loader/projectRoot";
import { Problem, formatProblem, hasErrors } from "../validation/problem";
import { BaseRef, resolveBase } from "./baseRef";
import { applyBump, formatChange, planBump } from "./bumpPlan";
import { readBaseFacts, runCheck } from "./check";
import { GitReadError } from "./gitSnapshot";
import { validateFiles } from "./validateFiles";
import { VersionFacts, readVersionFacts } from "./versionFacts";

/** Where a command runs and writes: process.* in tools/, captured in tests. */
export interface CliIo {
  readonly cwd: string;
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
}

export const processIo: CliIo = {
  // npm runs scripts in the package folder; INIT_CWD is where `npm run` was typed.
  cwd: (process.env.npm_lifecycle_event !== undefined && process.env.INIT_CWD) || process.cwd(),
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
};

class UsageError extends Error {}

const CHECK_USAGE = `usage: npm run check -- [--base REF] [--root DIR] [--json]
  Validates settings.json, every component document and every Pulumi.<stack>.yaml, and checks that
  changed components and recipes have higher versions than at the base revision (default: the merge
  base of HEAD with origin/main, else main). Exit 0 clean, 1 errors, 2 base revision missing.`;
const VALIDATE_USAGE = `usage: npm run validate -- [--json] FILE...
  Checks component documents (YAML, component_version, size, AWSTOE structure) or a settings.json.
  Exit 0 all valid, 1 any invalid.`;
const BUMP_USAGE = `usage: npm run bump -- [--base REF] [--root DIR] [--patch|--minor|--major] [--dry-run] [--json]
  Bumps component_version of every component whose content changed since the base revision without a
  higher version, then recipe_version of every recipe that needs it (once each). Edits only the
  version values. Exit 0 done or nothing to do, 1 a version could not be edited, 2 base missing.`;

/** `npm run check`. */
export function checkCommand(argv: readonly string[], io: CliIo = processIo): number {
  return guarded(io, CHECK_USAGE, () => {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        base: { type: "string" },
        root: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    });
    if (values.help) return help(io, CHECK_USAGE);
    const root = projectRoot(io, values.root);
    const result = runCheck({ root, base: values.base });
    const base = result.base.ok ? result.base.ref : undefined;
    const baseError = result.base.ok ? undefined : result.base.message;
    report(io, "check", result.problems, {
      json: values.json === true,
      files: result.filesChecked,
      base,
      baseError,
      exitCode: result.exitCode,
    });
    return result.exitCode;
  });
}

/** `npm run validate -- FILE...`. */
export function validateCommand(argv: readonly string[], io: CliIo = processIo): number {
  return guarded(io, VALIDATE_USAGE, () => {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) return help(io, VALIDATE_USAGE);
    if (positionals.length === 0) throw new UsageError("name at least one file");
    const problems = validateFiles(positionals, { cwd: io.cwd });
    const exitCode = hasErrors(problems) ? 1 : 0;
    report(io, "validate", problems, { json: values.json === true, files: positionals.length, exitCode });
    return exitCode;
  });
}

/** `npm run bump`. */
export function bumpCommand(argv: readonly string[], io: CliIo = processIo): number {
  return guarded(io, BUMP_USAGE, () => {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        base: { type: "string" },
        root: { type: "string" },
        patch: { type: "boolean" },
        minor: { type: "boolean" },
        major: { type: "boolean" },
        "dry-run": { type: "boolean" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    });
    if (values.help) return help(io, BUMP_USAGE);
    const levels = (["patch", "minor", "major"] as const).filter((l) => values[l]);
    if (levels.length > 1) throw new UsageError(`choose one of --patch, --minor, --major`);
    const level: BumpLevel = levels[0] ?? "patch";
    const root = projectRoot(io, values.root);
    const resolved = resolveBase(root, values.base);
    if (!resolved.ok) {
      io.stderr(`bump: cannot compare versions: ${resolved.message}`);
      return 2;
    }
    const files = readProjectFiles(root);
    const work = readVersionFacts(files);
    if (!work.settingsOk) {
      io.stderr(
        `bump: settings.json is missing or invalid, so nothing can be bumped; run npm run check for the details`,
      );
      return 1;
    }
    let base: VersionFacts;
    try {
      base = readBaseFacts(root, resolved.base);
    } catch (err) {
      if (!(err instanceof GitReadError)) throw err;
      io.stderr(`bump: cannot read the base revision ${resolved.base.ref}: ${err.message}`);
      return 2;
    }
    const plan = planBump(base, work, files, level, resolved.base.ref);
    const dryRun = values["dry-run"] === true;
    if (!dryRun) applyBump(root, plan);
    const exitCode = plan.failures.length > 0 ? 1 : 0;
    if (values.json) {
      io.stdout(
        JSON.stringify(
          {
            changes: plan.changes,
            failures: plan.failures,
            notes: plan.notes,
            dryRun,
            base: baseJson(resolved.base),
            exitCode,
          },
          null,
          2,
        ),
      );
    } else {
      for (const n of plan.notes) io.stdout(formatProblem(n));
      for (const c of plan.changes) io.stdout(formatChange(c));
      for (const f of plan.failures) io.stderr(`bump: ${f}`);
      const verb = dryRun ? "would change" : "changed";
      const summary =
        plan.changes.length === 0
          ? "nothing to bump"
          : `${verb} ${count(plan.changes.length, "version")} in ${count(plan.edits.size, "file")}`;
      io.stdout(`bump: ${summary} (base: ${baseText(resolved.base)})`);
    }
    return exitCode;
  });
}

function guarded(io: CliIo, usage: string, run: () => number): number {
  try {
    return run();
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.stderr(`${(err as Error).message}\n${usage}`);
      return 2;
    }
    throw err;
  }
}

function help(io: CliIo, usage: string): number {
  io.stdout(usage);
  return 0;
}

function projectRoot(io: CliIo, root: string | undefined): string {
  if (root !== undefined) return path.resolve(io.cwd, root);
  try {
    return findProjectRoot(io.cwd);
  } catch {
    throw new UsageError(
      `no Pulumi.yaml at or above ${io.cwd}: run inside the repository or pass --root DIR`,
    );
  }
}

interface ReportOptions {
  readonly json: boolean;
  readonly files: number;
  readonly base?: BaseRef;
  readonly baseError?: string;
  readonly exitCode: number;
}

function report(io: CliIo, tool: string, problems: readonly Problem[], o: ReportOptions): void {
  const errors = problems.filter((p) => p.severity === "error").length;
  const notes = problems.length - errors;
  if (o.json) {
    const summary = {
      errors,
      notes,
      files: o.files,
      ...(tool === "check" ? { base: o.base ? baseJson(o.base) : null } : {}),
      ...(o.baseError !== undefined ? { baseError: o.baseError } : {}),
      exitCode: o.exitCode,
    };
    io.stdout(JSON.stringify({ problems, summary }, null, 2));
    return;
  }
  for (const p of problems) io.stdout(formatProblem(p));
  if (o.baseError !== undefined) io.stderr(`${tool}: versions not checked: ${o.baseError}`);
  const where = tool === "check" ? ` (base: ${o.base ? baseText(o.base) : "missing"})` : "";
  io.stdout(
    `${tool}: ${count(errors, "error")}, ${count(notes, "note")} in ${count(o.files, "file")}${where}`,
  );
}

function baseJson(base: BaseRef) {
  return { ref: base.ref, commit: base.commit };
}

function baseText(base: BaseRef): string {
  return `${base.ref} @ ${base.commit.slice(0, 7)}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
