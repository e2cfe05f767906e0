import * as path from "node:path";
import { findProjectRoot } from "../loader/projectRoot";
import { PlanUsageError } from "./planUsageError";
import { renderOutcome, runPlan } from "./runPlan";

export const USAGE = `usage: npm run plan -- [--stack <name>] [--json] [--base <git revision>]

Shows what a stack would deploy: the real program evaluated offline under Pulumi mocks with the
stack's config (Pulumi.<stack>.yaml). No AWS account, no Pulumi CLI, no network.

  --stack <name>   the stack (default: dev)
  --json           print the plan as JSON (docs/plan.md)
  --base <rev>     also evaluate the repository at a git revision and print what the change does
                   (added, removed, updated, replaced); exit 1 when AWS would reject it

Exit codes: 0 planned; 1 validation errors, or --base found a change AWS would reject; 2 usage.`;

export interface PlanArgs {
  readonly stack: string;
  readonly json: boolean;
  readonly base?: string;
}

export function parsePlanArgs(argv: readonly string[]): PlanArgs | { readonly help: true } {
  let stack = "dev";
  let json = false;
  let base: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new PlanUsageError(`${arg} needs a value`);
      return v;
    };
    const [flag, inline] =
      arg.startsWith("--") && arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined];
    if (flag === "--help" || flag === "-h") return { help: true };
    else if (flag === "--json") json = true;
    else if (flag === "--stack") stack = inline ?? value();
    else if (flag === "--base") base = inline ?? value();
    else throw new PlanUsageError(`unknown argument ${arg}`);
  }
  return { stack, json, base };
}

/** The command line: `entry` is the program to plan (dist/index.js next to the compiled tool). */
export async function main(argv: readonly string[], entry: string): Promise<number> {
  try {
    const args = parsePlanArgs(argv);
    if ("help" in args) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const root = findProjectRoot(path.dirname(entry));
    const outcome = await runPlan({ root, entry, stack: args.stack, base: args.base });
    const { output, exitCode } = renderOutcome(outcome, args.json);
    (outcome.kind === "invalid" && !args.json ? process.stderr : process.stdout).write(output);
    return exitCode;
  } catch (err) {
    if (err instanceof PlanUsageError) {
      process.stderr.write(`dc-image-builder plan: ${err.message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(
      `dc-image-builder plan: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    return 1;
  }
}
