// The start-build command (tools/start-build.ts runs it); docs/operations.md describes it.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import {
  GetImageCommand,
  ImagebuilderClient,
  ImageScanFindingAggregation,
  ListImageScanFindingAggregationsCommand,
  StartImagePipelineExecutionCommand,
} from "@aws-sdk/client-imagebuilder";
import { SETTINGS_FILE } from "../../src/loader/projectFiles";
import { findProjectRoot } from "../../src/loader/projectRoot";
import { createAwsClients, describeAwsError } from "../../src/ops/awsClients";
import { amiLines, formatElapsed, formatProgress, waitForImage } from "../../src/ops/buildWaiter";
import { clientToken, utcHourKey } from "../../src/ops/clientToken";
import { basePipelineArn, pipelineArnFromOutputs } from "../../src/ops/pipelineArn";
import { describeScan, imageSeverityCounts, scanSummary } from "../../src/ops/scanFindings";
import { loadStackConfig } from "../../src/ops/stackTarget";

const USAGE =
  "usage: npm run start-build -- --stack <stack> --ubuntu <version> [--wait] [--token <key>] " +
  "[--interval <seconds>] [--timeout <minutes>]";

/** `pulumi stack output pipelines --json`, parsed; undefined when the CLI is absent or fails (why, in `note`). */
export type PipelinesOutputReader = (
  root: string,
  stack: string,
) => Promise<{ value: unknown } | { note: string }>;

export interface StartBuildDeps {
  readonly root: string;
  readonly env: NodeJS.ProcessEnv;
  readonly out: (line: string) => void;
  /** Diagnostics and the progress line. */
  readonly err: (line: string) => void;
  /** Whether stderr is a terminal: the progress line is then rewritten in place. */
  readonly progressInPlace: boolean;
  readonly imagebuilderClient: (region: string) => ImagebuilderClient;
  readonly readPipelinesOutput: PipelinesOutputReader;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => Date;
}

export const readPipelinesOutputWithCli: PipelinesOutputReader = (root, stack) =>
  new Promise((resolve) => {
    execFile(
      "pulumi",
      ["stack", "output", "pipelines", "--json", "--stack", stack, "--non-interactive"],
      { cwd: root, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === "ENOENT") return resolve({ note: "pulumi CLI not found" });
          const first = String(stderr).trim().split("\n")[0] || error.message;
          return resolve({ note: `pulumi stack output failed: ${first}` });
        }
        try {
          resolve({ value: JSON.parse(stdout) as unknown });
        } catch {
          resolve({ note: "pulumi stack output printed no JSON" });
        }
      },
    );
  });

export async function main(argv: readonly string[], deps: Partial<StartBuildDeps> = {}): Promise<number> {
  const env = deps.env ?? process.env;
  const out = deps.out ?? ((l: string) => process.stdout.write(`${l}\n`));
  const err = deps.err ?? ((l: string) => process.stderr.write(`${l}\n`));
  const progressInPlace = deps.progressInPlace ?? process.stderr.isTTY === true;
  const now = deps.now ?? (() => new Date());
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const readPipelinesOutput = deps.readPipelinesOutput ?? readPipelinesOutputWithCli;
  const fail = (message: string) => {
    err(`start-build: ${message}`);
    return 1;
  };

  let args: {
    stack?: string;
    ubuntu?: string;
    wait?: boolean;
    token?: string;
    interval?: string;
    timeout?: string;
    help?: boolean;
  };
  try {
    args = parseArgs({
      args: [...argv],
      options: {
        stack: { type: "string" },
        ubuntu: { type: "string" },
        wait: { type: "boolean" },
        token: { type: "string" },
        interval: { type: "string" },
        timeout: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    err(`start-build: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    out(USAGE);
    return 0;
  }
  if (args.stack === undefined || args.ubuntu === undefined) {
    err(`start-build: --stack and --ubuntu are required\n${USAGE}`);
    return 2;
  }
  const intervalMs = Number(args.interval ?? "30") * 1000;
  const timeoutMs = Number(args.timeout ?? "240") * 60_000;
  if (!(intervalMs > 0) || !(timeoutMs > 0)) {
    err(`start-build: --interval and --timeout must be positive numbers\n${USAGE}`);
    return 2;
  }
  const { stack, ubuntu } = args;

  let root: string;
  let region: string;
  let derivedArn: string;
  try {
    root = deps.root ?? findProjectRoot(__dirname);
    const config = loadStackConfig(root, stack);
    region = config.region;
    const settings = JSON.parse(fs.readFileSync(path.join(root, SETTINGS_FILE), "utf8")) as {
      supported_ubuntu_versions?: Record<string, unknown>;
    };
    const versions = Object.keys(settings.supported_ubuntu_versions ?? {});
    if (!versions.includes(ubuntu)) {
      return fail(`Ubuntu ${ubuntu} is not in ${SETTINGS_FILE} (it has ${versions.join(", ")})`);
    }
    derivedArn = basePipelineArn(config, ubuntu);
  } catch (e) {
    return fail((e as Error).message);
  }

  // The deployed stack's own output is the truth when the CLI can read it; the derived ARN is the same
  // unless naming changed since the last deploy.
  let pipelineArn = derivedArn;
  const output = await readPipelinesOutput(root, stack);
  const fromOutput = "value" in output ? pipelineArnFromOutputs(output.value, ubuntu) : undefined;
  if (fromOutput !== undefined) {
    pipelineArn = fromOutput;
    if (fromOutput !== derivedArn)
      err(
        `start-build: note: stack output ${fromOutput} differs from the derived ${derivedArn}; using the output`,
      );
    out(`pipeline ${pipelineArn} (pulumi stack output of ${stack})`);
  } else {
    const why = "note" in output ? output.note : `stack output has no pipeline for Ubuntu ${ubuntu}`;
    out(`pipeline ${pipelineArn} (derived from Pulumi.${stack}.yaml; ${why})`);
  }

  const key = args.token ?? utcHourKey(now());
  const token = clientToken(pipelineArn, key);
  const client = (deps.imagebuilderClient ?? ((r: string) => createAwsClients(r, env).imagebuilder))(region);
  try {
    let imageArn: string;
    try {
      const started = await client.send(
        new StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn, clientToken: token }),
      );
      if (started.imageBuildVersionArn === undefined)
        return fail("StartImagePipelineExecution returned no image ARN");
      imageArn = started.imageBuildVersionArn;
    } catch (e) {
      return fail(describeAwsError(`StartImagePipelineExecution in ${region}`, e));
    }
    out(
      `build ${imageArn} (client token ${token}, key "${key}": the same command with the same key never starts a second build)`,
    );
    if (!args.wait) return 0;

    let lastStatus = "";
    let lastLineAt = -Infinity;
    const started = now().getTime();
    let result;
    try {
      result = await waitForImage(imageArn, {
        getImage: async (arn) => {
          const res = await client.send(new GetImageCommand({ imageBuildVersionArn: arn }));
          if (res.image === undefined) throw new Error(`GetImage returned no image for ${arn}`);
          return res.image;
        },
        sleep,
        now: () => now().getTime() - started,
        intervalMs,
        timeoutMs,
        onProgress: (p) => {
          const line = formatProgress(imageArn, p);
          if (progressInPlace) {
            process.stderr.write(`\r\x1b[K${line}`);
          } else if (p.status !== lastStatus || p.elapsedMs - lastLineAt >= 5 * 60_000) {
            // In CI logs: a line on every status change, and every five minutes to show it is alive.
            err(line);
            lastLineAt = p.elapsedMs;
          }
          lastStatus = p.status;
        },
      });
    } catch (e) {
      return fail(describeAwsError(`GetImage ${imageArn}`, e));
    } finally {
      if (progressInPlace) process.stderr.write("\n");
    }

    if (result.outcome === "timeout") {
      return fail(
        `still ${result.status} after ${formatElapsed(result.elapsedMs)}; the build goes on in AWS ` +
          `(re-run with the same --token "${key}" and --wait to keep waiting)`,
      );
    }
    if (result.outcome === "failed") {
      return fail(`build ${result.status} after ${formatElapsed(result.elapsedMs)}: ${result.reason}`);
    }
    out(`build AVAILABLE after ${formatElapsed(result.elapsedMs)}`);
    for (const line of amiLines(result.image)) out(line);

    const scanState = result.image.scanState;
    if (scanState?.status !== undefined) {
      let counts;
      if (scanState.status === "COMPLETED") {
        try {
          counts = imageSeverityCounts(imageArn, await listScanAggregations(client, imageArn));
        } catch (e) {
          err(`start-build: note: ${describeAwsError("ListImageScanFindingAggregations", e)}`);
        }
      }
      const summary = scanSummary(scanState, counts);
      if (summary) for (const line of describeScan(summary)) out(line);
    }
    return 0;
  } finally {
    client.destroy();
  }
}

async function listScanAggregations(
  client: ImagebuilderClient,
  imageArn: string,
): Promise<ImageScanFindingAggregation[]> {
  const all: ImageScanFindingAggregation[] = [];
  let nextToken: string | undefined;
  do {
    const res = await client.send(
      new ListImageScanFindingAggregationsCommand({
        filter: { name: "imageBuildVersionArn", values: [imageArn] },
        nextToken,
      }),
    );
    all.push(...(res.responses ?? []));
    nextToken = res.nextToken;
  } while (nextToken);
  return all;
}
