import { z } from "zod";
import { Problem, problem } from "./problem";

/** One Problem per zod issue, with the JSON/YAML path spelled out and the line where known. */
export function zodProblems(
  error: z.ZodError,
  file: string,
  rule: string,
  lineOf: (path: (string | number)[]) => number | undefined,
  label: (path: (string | number)[]) => string = defaultLabel,
): Problem[] {
  return error.issues.map((issue) =>
    problem(file, rule, `${label(issue.path)}: ${issue.message}`, lineOf(issue.path)),
  );
}

function defaultLabel(path: (string | number)[]): string {
  if (path.length === 0) return "(top level)";
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}
