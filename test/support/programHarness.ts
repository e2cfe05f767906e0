import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { readStackConfigFile } from "../../src/loader/stackConfigFile";
import { mockResourceState } from "../../src/offline/mockResourceState";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

export interface RegisteredResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  /** Parent URN; the stack itself for top-level resources. */
  readonly parent: string | undefined;
  readonly custom: boolean;
  readonly inputs: Record<string, unknown>;
  readonly retainOnDelete: boolean;
  readonly deleteBeforeReplace: boolean;
}

export interface ProgramRun {
  readonly resources: RegisteredResource[];
  readonly outputs: Record<string, unknown>;
}

export interface RunOptions {
  /** Config to use instead of Pulumi.<stack>.yaml's. */
  readonly config?: Record<string, string>;
}

/**
 * Runs index.ts, the real program, under Pulumi mocks: config first, mocks second, import last.
 * The call mock throws, because the program makes no invokes; one appearing is a bug.
 */
export async function runProgram(stack: string, options: RunOptions = {}): Promise<ProgramRun> {
  const config = options.config ?? readStackConfigFile(REPO_ROOT, stack);
  const region = config["aws:region"] ?? "eu-west-2";
  const account = (JSON.parse(config["aws:allowedAccountIds"] ?? '["111122223333"]') as string[])[0];

  pulumi.runtime.setAllConfig(config);
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const state = mockResourceState(args.type, args.name, args.inputs, { region, account });
        return { id: `${args.name}-id`, state };
      },
      call(args) {
        throw new Error(`unexpected invoke ${args.token}: the program must not call data sources`);
      },
    },
    "dc-image-builder",
    stack,
    false,
  );

  const resources: RegisteredResource[] = [];
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(
      req: RegisterRequest,
      cb: (err: unknown, res: { getUrn(): string }) => void,
    ): Promise<void>;
  };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) =>
    original(req, (err, res) => {
      if (!err) {
        resources.push({
          type: req.getType(),
          name: req.getName(),
          urn: res.getUrn(),
          parent: req.getParent() || undefined,
          custom: req.getCustom(),
          inputs: req.getObject().toJavaScript() as Record<string, unknown>,
          retainOnDelete: req.getRetainondelete() === true,
          deleteBeforeReplace: req.getDeletebeforereplace(),
        });
      }
      cb(err, res);
    });
  const entry = path.join(REPO_ROOT, "index.ts");
  delete require.cache[require.resolve(entry)];
  let program: Record<string, unknown>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    program = require(entry) as Record<string, unknown>;
  } catch (error) {
    await pulumi.runtime.disconnect();
    throw new ProgramFailure(error, resources);
  }
  const outputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(program)) {
    outputs[key] = await resolve(value);
  }
  // Registrations that feed no output may still be in flight.
  await pulumi.runtime.disconnect();
  return { resources, outputs };
}

/** The program threw while loading; `resources` is what it had registered by then. */
export class ProgramFailure extends Error {
  constructor(
    readonly cause: unknown,
    readonly resources: RegisteredResource[],
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = "ProgramFailure";
  }
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): { toJavaScript(): unknown };
  getRetainondelete(): boolean | undefined;
  getDeletebeforereplace(): boolean;
}

/** The value inside an Output (or a plain value as is). */
export function resolve<T>(value: pulumi.Output<T> | T): Promise<T> {
  return pulumi.Output.isInstance(value)
    ? new Promise((done) => (value as pulumi.Output<T>).apply((v) => done(v)))
    : Promise.resolve(value as T);
}
