import * as fs from "node:fs";
import { parseStackConfig } from "../config/stackConfig";
import { readStackConfigFile, stackConfigLineFinder } from "../loader/stackConfigFile";
import { Problem, problem } from "../validation/problem";

export interface StackCheck {
  /** Stack names, from Pulumi.<stack>.yaml at the root. */
  readonly stacks: readonly string[];
  /** Every distinct aws:region the stacks deploy to: AWS-managed ARNs must be valid in each. */
  readonly regions: readonly string[];
  readonly problems: Problem[];
}

const STACK_FILE = /^Pulumi\.([^.]+)\.yaml$/;

export function stackFiles(root: string): string[] {
  return fs
    .readdirSync(root)
    .filter((f) => STACK_FILE.test(f))
    .sort();
}

/** Validates each stack's config exactly as the program would (parseStackConfig) and collects the regions. */
export function checkStacks(root: string): StackCheck {
  const stacks: string[] = [];
  const regions = new Set<string>();
  const problems: Problem[] = [];
  for (const file of stackFiles(root)) {
    const stack = STACK_FILE.exec(file)![1];
    stacks.push(stack);
    let raw: Record<string, string>;
    try {
      raw = readStackConfigFile(root, stack);
    } catch (err) {
      const line = /\((\d+):\d+\)/.exec((err as Error).message)?.[1];
      problems.push(
        problem(
          file,
          "config/syntax",
          `cannot read the stack file: ${(err as Error).message.split("\n")[0]}`,
          line ? Number(line) : undefined,
        ),
      );
      continue;
    }
    const parsed = parseStackConfig(stack, raw, stackConfigLineFinder(root, stack));
    if (parsed.ok) regions.add(parsed.value.region);
    else {
      problems.push(...parsed.problems);
      const region = raw["aws:region"];
      if (region !== undefined) regions.add(region);
    }
  }
  return { stacks, regions: [...regions].sort(), problems };
}
