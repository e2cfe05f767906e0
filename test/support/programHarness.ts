import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { readStackConfigFile } from "../../src/loader/stackConfigFile";
import { ProgramRun, evaluateProgram } from "../../src/plan/evaluateProgram";
import { mockEnvironment, projectName } from "../../src/plan/stackEnvironment";

export type { ProgramRun, RegisteredResource } from "../../src/plan/evaluateProgram";
export { ProgramFailure } from "../../src/plan/evaluateProgram";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

export interface RunOptions {
  /** Config to use instead of Pulumi.<stack>.yaml's. */
  readonly config?: Record<string, string>;
}

/**
 * Runs index.ts, the real program, under Pulumi mocks (src/plan/evaluateProgram: the same code
 * `npm run plan` uses), with the stack file's config unless `config` is given. When the program
 * throws while loading, rejects with a ProgramFailure carrying what it had registered by then.
 */
export async function runProgram(stack: string, options: RunOptions = {}): Promise<ProgramRun> {
  const config = options.config ?? readStackConfigFile(REPO_ROOT, stack);
  return evaluateProgram({
    entry: path.join(REPO_ROOT, "index.ts"),
    project: projectName(REPO_ROOT),
    stack,
    config,
    env: mockEnvironment(config),
  });
}

/** The value inside an Output (or a plain value as is). */
export function resolve<T>(value: pulumi.Output<T> | T): Promise<T> {
  return pulumi.Output.isInstance(value)
    ? new Promise((done) => (value as pulumi.Output<T>).apply((v) => done(v)))
    : Promise.resolve(value as T);
}
