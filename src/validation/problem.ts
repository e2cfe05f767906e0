/**
 * A problem found in the repository's input: a settings file, a component document or stack config.
 * Every validator returns all of its problems at once, so a user fixes a whole batch per run.
 */
export interface Problem {
  /** Path of the offending file, relative to the repository root where it is inside it. */
  readonly file: string;
  /** 1-based line, where the source format gives one. */
  readonly line?: number;
  /** Stable rule id, e.g. `awstoe/unknown-action` or `settings/missing-file`. */
  readonly rule: string;
  readonly message: string;
  /** Notes are reported but do not fail a run (e.g. a deleted component). */
  readonly severity: "error" | "note";
}

export function problem(file: string, rule: string, message: string, line?: number): Problem {
  return line === undefined
    ? { file, rule, message, severity: "error" }
    : { file, line, rule, message, severity: "error" };
}

export function note(file: string, rule: string, message: string, line?: number): Problem {
  return { ...problem(file, rule, message, line), severity: "note" };
}

/** `path:line: rule-id: message`, the format editors and CI logs link from. */
export function formatProblem(p: Problem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  const prefix = p.severity === "note" ? "note: " : "";
  return `${where}: ${p.rule}: ${prefix}${p.message}`;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === "error");
}

/** Sorted by file, then line, so output is stable whatever order validators ran in. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule),
  );
}

/** Thrown at the program's edge when input is invalid: carries every problem, registers nothing. */
export class ValidationError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(
      `dc-image-builder found ${problems.filter((p) => p.severity === "error").length} problem(s); ` +
        `nothing was registered:\n` +
        sortProblems(problems)
          .map((p) => `  ${formatProblem(p)}`)
          .join("\n"),
    );
    this.name = "ValidationError";
  }
}
