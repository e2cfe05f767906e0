import * as path from "node:path";
import type * as PulumiModule from "@pulumi/pulumi";
import { MockEnvironment, mockResourceState } from "../offline/mockResourceState";

/** One resource the program registered, as the Pulumi engine would have received it. */
export interface RegisteredResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  /** Parent URN; undefined for top-level resources (under mocks there is no stack resource). */
  readonly parent: string | undefined;
  /** False for ComponentResources. */
  readonly custom: boolean;
  /** Inputs after every Output they depend on resolved, as plain values. */
  readonly inputs: Record<string, unknown>;
  readonly retainOnDelete: boolean;
  readonly deleteBeforeReplace: boolean;
}

export interface ProgramRun {
  /** In the order the program registered them. */
  readonly resources: RegisteredResource[];
  /** The entry module's named exports (the stack outputs), resolved. */
  readonly outputs: Record<string, unknown>;
}

export interface EvaluateOptions {
  /** The program's entry module (index.ts under ts-node, or compiled index.js). */
  readonly entry: string;
  readonly project: string;
  readonly stack: string;
  /** The flat config map Pulumi would pass (see readStackConfigFile). */
  readonly config: Readonly<Record<string, string>>;
  /** Region and account the mocks build ARNs from. */
  readonly env: MockEnvironment;
}

/** The subset of the mock monitor's request this module reads. */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getRetainondelete(): boolean | undefined;
  getDeletebeforereplace(): boolean;
  getObject(): { toJavaScript(): unknown } | undefined;
}

type RegisterCallback = (err: unknown, res: { getUrn(): string } | undefined) => void;

interface Capture {
  type: string;
  name: string;
  urn: string | undefined;
  parent: string | undefined;
  custom: boolean;
  inputs: Record<string, unknown>;
  retainOnDelete: boolean;
  deleteBeforeReplace: boolean;
}

/**
 * Runs a Pulumi program under mocks, in this process: config first, mocks second, import last, and
 * captures every registration. The mocks answer with mockResourceState (deterministic, realistic
 * ARNs); the call mock throws, because the program makes no invokes and one appearing is a bug.
 *
 * Safe to call repeatedly (dev then prod, base then head): setMocks installs a fresh monitor, the
 * entry is re-required, and `disconnect` waits for in-flight registrations before returning.
 * What the entry throws while loading is rethrown as a ProgramFailure after the runtime settles.
 */
export async function evaluateProgram(options: EvaluateOptions): Promise<ProgramRun> {
  const entry = path.resolve(options.entry);
  // The SDK instance the program itself will load: mocks must be installed on that one.
  const pulumi = loadFrom<typeof PulumiModule>("@pulumi/pulumi", entry);

  pulumi.runtime.setAllConfig({ ...options.config });
  // Inputs reach the mock already deserialized; the monitor wrapper below collects them from here.
  let lastInputs: Record<string, unknown> | undefined;
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        lastInputs = args.inputs as Record<string, unknown>;
        return {
          id: `${args.name}-id`,
          state: mockResourceState(args.type, args.name, args.inputs, options.env),
        };
      },
      call(args) {
        throw new Error(`unexpected invoke ${args.token}: the program must not call data sources`);
      },
    },
    options.project,
    options.stack,
    false,
  );

  const captured: Capture[] = [];
  const failures: unknown[] = [];
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(req: RegisterRequest, cb: RegisterCallback): Promise<void>;
  };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    const record: Capture = {
      type: req.getType(),
      name: req.getName(),
      urn: undefined,
      parent: req.getParent() || undefined,
      custom: req.getCustom(),
      inputs: {},
      retainOnDelete: req.getRetainondelete() === true,
      deleteBeforeReplace: req.getDeletebeforereplace(),
    };
    captured.push(record);
    lastInputs = undefined;
    const pending = original(req, (err, res) => {
      if (err || !res) failures.push(err);
      else record.urn = res.getUrn();
      cb(err, res);
    });
    // The mock monitor calls newResource synchronously, before its first await; should a future SDK
    // not, the request's raw properties are the fallback.
    record.inputs = lastInputs ?? ((req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>);
    return pending;
  };

  const registered = () =>
    captured.filter((c) => c.urn !== undefined).map((c) => ({ ...c, urn: c.urn as string }));
  let program: Record<string, unknown>;
  try {
    delete require.cache[require.resolve(entry)];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    program = require(entry) as Record<string, unknown>;
  } catch (err) {
    await pulumi.runtime.disconnect().catch(() => undefined);
    throw new ProgramFailure(err, registered());
  }
  let thrown: unknown;
  const outputs: Record<string, unknown> = {};
  try {
    for (const [key, value] of Object.entries(program)) {
      outputs[key] = await resolveOutput(pulumi, value);
    }
  } catch (err) {
    thrown = err;
  }
  // Registrations that feed no output may still be in flight.
  await pulumi.runtime.disconnect().catch((err: unknown) => failures.push(err));
  if (thrown !== undefined) throw thrown;
  if (failures.length > 0) throw failures[0];
  return { resources: registered(), outputs };
}

/**
 * The program threw while loading (for this program: a ValidationError at its edge); `resources`
 * is what it had registered by then.
 */
export class ProgramFailure extends Error {
  constructor(
    readonly cause: unknown,
    readonly resources: RegisteredResource[],
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = "ProgramFailure";
  }
}

/** The value inside an Output (or a plain value as is); rejects when the Output does. */
export function resolveOutput(pulumi: typeof PulumiModule, value: unknown): Promise<unknown> {
  if (!pulumi.Output.isInstance(value)) return Promise.resolve(value);
  // Output.promise is internal to the SDK, but it is the one way to observe a rejection.
  const internal = value as unknown as { promise?: () => Promise<unknown> };
  if (typeof internal.promise === "function") return internal.promise();
  return new Promise((done) => value.apply((v) => done(v)));
}

/** Loads a package the way `from` would resolve it, so both share one module instance. */
function loadFrom<T>(request: string, from: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(require.resolve(request, { paths: [path.dirname(from)] })) as T;
}
