import * as path from "node:path";
import { parseArgs } from "node:util";
import { findProjectRoot } from "../loader/projectRoot";
import { PlanUsageError } from "./planUsageError";
import { renderOutcome, runPlan } from "./runPlan";

export const USAGE = `usage: npm run plan -- [--stack <name>] [--json] [--base <git revision>]

Shows what a stack would deploy: the real program evaluated offline under Pulumi mocks with the
stack's config (Pulumi.<stack>.yaml). No AWS account, no Pulumi CLI, no network.

  --stack <name>   the stack (default: dev)
  --json           print the plan as JSON (docs/plan.md)
  --base <rev>     also evaluate the repository at the merge base of HEAD with a git revision (as
                   npm run check does) and print what the change does (added, removed, updated,
                   replaced); exit 1 when AWS would reject it

Exit codes: 0 planned; 1 validation errors, or --base found a change AWS would reject; 2 usage.`;

export interface PlanArgs {
  readonly stack: string;
  readonly json: boolean;
  readonly base?: string;
}

const OPTIONS = {
  stack: { type: "string", default: "dev" },
  json: { type: "boolean", default: false },
  base: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export function parsePlanArgs(argv: readonly string[]): PlanArgs | { readonly help: true } {
  const values = (() => {
    try {
      return parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }).values;
    } catch (err) {
      throw usageError(err);
    }
  })();
  if (values.help) return { help: true };
  return { stack: values.stack, json: values.json, base: values.base };
}

/** node:util's ERR_PARSE_ARGS_* errors as one-line usage errors (exit 2); anything else as is. */
function usageError(err: unknown): unknown {
  const code = (err as { code?: unknown }).code;
  if (!(err instanceof Error) || typeof code !== "string" || !code.startsWith("ERR_PARSE_ARGS")) return err;
  const quoted = /'([^' ]+)/.exec(err.message)?.[1];
  if (quoted !== undefined) {
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" || code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL")
      return new PlanUsageError(`unknown argument ${quoted}`);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      return new PlanUsageError(
        /does not take an argument/.test(err.message)
          ? `${quoted} takes no value`
          : `${quoted} needs a value`,
      );
    }
  }
  return new PlanUsageError(err.message.split("\n")[0]);
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
