import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { StackConfigResult, parseStackConfig } from "../config/stackConfig";
import { Problem, problem } from "../validation/problem";

/** Stack files: `Pulumi.<stack>.yaml` at the repository root. */
const STACK_FILE = /^Pulumi\.([^.]+)\.yaml$/;

/** Stacks of the repository: every Pulumi.<stack>.yaml at the root, sorted. */
export function listStacks(root: string): string[] {
  return fs
    .readdirSync(root)
    .map((f) => STACK_FILE.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

export function stackConfigPath(root: string, stack: string): string {
  return path.join(root, `Pulumi.${stack}.yaml`);
}

/** A stack file read once: its config as Pulumi passes it, and where each key is written. */
export type StackFile =
  | {
      readonly ok: true;
      readonly raw: Record<string, string>;
      readonly lineOf: (key: string) => number | undefined;
    }
  | { readonly ok: false; readonly problem: Problem };

/**
 * Reads `config:` of Pulumi.<stack>.yaml into the flat string map the Pulumi runtime hands a program
 * (structured values as JSON), so offline tools validate exactly what `pulumi up` would see. A missing
 * file or malformed YAML is a problem (rule config/missing or config/syntax, with the YAML error's line).
 */
export function readStackFile(root: string, stack: string): StackFile {
  const file = path.basename(stackConfigPath(root, stack));
  let text: string;
  try {
    text = fs.readFileSync(stackConfigPath(root, stack), "utf8");
  } catch {
    return {
      ok: false,
      problem: problem(
        file,
        "config/missing",
        `no such stack file (stacks are Pulumi.<stack>.yaml at the repository root)`,
      ),
    };
  }
  let doc: { config?: Record<string, unknown> } | null;
  try {
    doc = yaml.load(text) as { config?: Record<string, unknown> } | null;
  } catch (err) {
    const mark = err instanceof yaml.YAMLException ? (err.mark as { line?: number } | undefined) : undefined;
    return {
      ok: false,
      problem: problem(
        file,
        "config/syntax",
        `cannot read the stack file: ${(err as Error).message.split("\n")[0]}`,
        mark?.line === undefined ? undefined : mark.line + 1,
      ),
    };
  }
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(doc?.config ?? {})) {
    raw[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { ok: true, raw, lineOf: lineFinder(text) };
}

/** readStackFile's config, throwing its problem's message when the file is missing or malformed. */
export function readStackConfigFile(root: string, stack: string): Record<string, string> {
  const read = readStackFile(root, stack);
  if (!read.ok) throw new Error(`${read.problem.file}: ${read.problem.message}`);
  return read.raw;
}

/** A stack's config validated as the program would validate it (parseStackConfig), from one read of its file. */
export function loadStackConfigFile(root: string, stack: string): StackConfigResult {
  const read = readStackFile(root, stack);
  if (!read.ok) return { ok: false, problems: [read.problem] };
  return parseStackConfig(stack, read.raw, read.lineOf);
}

/** Line of a config key in the stack file, for error messages; undefined when not written there. */
export function stackConfigLineFinder(root: string, stack: string): (key: string) => number | undefined {
  const file = stackConfigPath(root, stack);
  return lineFinder(fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "");
}

function lineFinder(text: string): (key: string) => number | undefined {
  const lines = text.split(/\r?\n/);
  return (key) => {
    const bare = key.replace(/\[.*$/, "");
    const i = lines.findIndex((l) => l.trimStart().startsWith(`${bare}:`));
    return i >= 0 ? i + 1 : undefined;
  };
}

export interface StackCheck {
  /** Stack names, from Pulumi.<stack>.yaml at the root. */
  readonly stacks: readonly string[];
  /** Every distinct aws:region the stacks deploy to: AWS-managed ARNs must be valid in each. */
  readonly regions: readonly string[];
  readonly problems: Problem[];
}

/**
 * Validates each stack's config exactly as the program would (parseStackConfig) and collects the
 * regions, reading each file once. A stack whose config is invalid still contributes its aws:region.
 */
export function checkStacks(root: string): StackCheck {
  const stacks = listStacks(root);
  const regions = new Set<string>();
  const problems: Problem[] = [];
  for (const stack of stacks) {
    const read = readStackFile(root, stack);
    if (!read.ok) {
      problems.push(read.problem);
      continue;
    }
    const parsed = parseStackConfig(stack, read.raw, read.lineOf);
    if (parsed.ok) regions.add(parsed.value.region);
    else {
      problems.push(...parsed.problems);
      const region = read.raw["aws:region"];
      if (region !== undefined) regions.add(region);
    }
  }
  return { stacks, regions: [...regions].sort(), problems };
}
