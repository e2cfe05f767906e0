import * as assert from "node:assert/strict";
import { ENDPOINT_ENV } from "../../src/ops/awsClients";
import { clientToken } from "../../src/ops/clientToken";
import { PipelinesOutputReader, main } from "../../tools/commands/startBuild";
import { FakeHandler, RecordedRequest, imagebuilderError, startFakeAws } from "./support/fakeAws";
import { SETTINGS_TEXT } from "./support/fixtures";
import { withFakeAwsProject } from "./support/tempProject";

const PROD_PIPELINE = "arn:aws:imagebuilder:eu-west-2:777788889999:image-pipeline/base-ubuntu-24-04";
const IMAGE_ARN = "arn:aws:imagebuilder:eu-west-2:777788889999:image/base-ubuntu-24-04/1.0.0/3";
const NOW = new Date("2026-11-24T10:15:00Z");

/** GetImage's answer: the image in `status`, with AMIs and a scan state once it is available. */
function imageResponse(status: string, extra: Record<string, unknown> = {}): unknown {
  return {
    requestId: "r",
    image: {
      arn: IMAGE_ARN,
      name: "base-ubuntu-24-04",
      type: "AMI",
      version: "1.0.0/3",
      platform: "Linux",
      state: {
        status,
        ...(status === "FAILED" ? { reason: "Image Tests: component update-os failed: exit 100" } : {}),
      },
      sourcePipelineArn: PROD_PIPELINE,
      dateCreated: "2026-11-24T10:15:01.000Z",
      buildType: "USER_INITIATED",
      ...extra,
    },
  };
}

const AVAILABLE_EXTRA = {
  outputResources: {
    amis: [
      {
        region: "eu-west-2",
        image: "ami-0aaaaaaaaaaaaaaa1",
        name: "base-ubuntu-24-04 2026-11-24",
        state: { status: "AVAILABLE" },
        accountId: "777788889999",
      },
      {
        region: "eu-west-1",
        image: "ami-0bbbbbbbbbbbbbbb2",
        name: "base-ubuntu-24-04 2026-11-24",
        state: { status: "AVAILABLE" },
        accountId: "777788889999",
      },
    ],
  },
  imageScanningConfiguration: { imageScanningEnabled: true },
  scanState: { status: "COMPLETED" },
};

describe("start-build", () => {
  const project = withFakeAwsProject(SETTINGS_TEXT);

  const noPulumi: PipelinesOutputReader = async () => ({ note: "pulumi CLI not found" });

  async function run(
    argv: string[],
    handler: FakeHandler,
    readPipelinesOutput: PipelinesOutputReader = noPulumi,
  ) {
    project.fake ??= await startFakeAws(handler);
    const out: string[] = [];
    const err: string[] = [];
    const sleeps: number[] = [];
    let clock = NOW.getTime();
    const code = await main(argv, {
      root: project.root,
      env: { ...process.env, [ENDPOINT_ENV]: project.fake.endpoint },
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      progressInPlace: false,
      readPipelinesOutput,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
      now: () => new Date(clock),
    });
    return { code, out, err, sleeps, requests: project.fake.requests };
  }

  /** Answers StartImagePipelineExecution, then GetImage with `states` in turn, then the scan counts. */
  function buildHandler(states: string[]): FakeHandler {
    let polls = 0;
    return (req) => {
      switch (req.operation) {
        case "StartImagePipelineExecution": {
          const body = req.body as { clientToken: string };
          return { body: { requestId: "r", clientToken: body.clientToken, imageBuildVersionArn: IMAGE_ARN } };
        }
        case "GetImage": {
          const status = states[Math.min(polls++, states.length - 1)];
          return { body: imageResponse(status, status === "AVAILABLE" ? AVAILABLE_EXTRA : {}) };
        }
        case "ListImageScanFindingAggregations":
          return {
            body: {
              requestId: "r",
              aggregationType: "imageBuildVersionArn",
              responses: [
                {
                  imageAggregation: {
                    imageBuildVersionArn: IMAGE_ARN,
                    severityCounts: { all: 14, critical: 1, high: 3, medium: 6 },
                  },
                },
              ],
            },
          };
        default:
          throw new Error(`unexpected ${req.operation}`);
      }
    };
  }

  function assertStart(req: RecordedRequest, pipelineArn: string, token: string) {
    assert.equal(req.operation, "StartImagePipelineExecution");
    assert.equal(req.method, "PUT");
    assert.match(String(req.headers.authorization), /\/eu-west-2\/imagebuilder\/aws4_request/);
    assert.deepEqual(req.body, { imagePipelineArn: pipelineArn, clientToken: token });
  }

  it("starts the pipeline whose ARN it derives from the stack's config, with a deterministic client token", async () => {
    const r = await run(["--stack", "prod", "--ubuntu", "24.04"], buildHandler([]));
    assert.equal(r.code, 0, r.err.join("\n"));
    assert.equal(r.requests.length, 1, "without --wait only the start");
    const token = clientToken(PROD_PIPELINE, "2026-11-24T10Z");
    assertStart(r.requests[0], PROD_PIPELINE, token);
    assert.match(
      r.out[0],
      /^pipeline arn:aws:imagebuilder:eu-west-2:777788889999:image-pipeline\/base-ubuntu-24-04 \(derived from Pulumi\.prod\.yaml; pulumi CLI not found\)$/,
    );
    assert.match(r.out[1], new RegExp(`^build ${IMAGE_ARN} \\(client token ${token}, key "2026-11-24T10Z"`));
  });

  it("sends the same token on a retry and a new one for another --token", async () => {
    const handler = buildHandler([]);
    const first = await run(["--stack", "prod", "--ubuntu", "24.04"], handler);
    const retry = await run(["--stack", "prod", "--ubuntu", "24.04"], handler);
    const other = await run(["--stack", "prod", "--ubuntu", "24.04", "--token", "rebuild-2"], handler);
    assert.deepEqual([first.code, retry.code, other.code], [0, 0, 0]);
    const tokens = project.fake!.requests.map((q) => (q.body as { clientToken: string }).clientToken);
    assert.equal(tokens[0], tokens[1]);
    assert.notEqual(tokens[2], tokens[0]);
    assert.equal(tokens[2], clientToken(PROD_PIPELINE, "rebuild-2"));
  });

  it("uses the pipeline ARN from `pulumi stack output` when the CLI has it", async () => {
    const fromCli = "arn:aws:imagebuilder:eu-west-2:777788889999:image-pipeline/base-ubuntu-24-04-renamed";
    const seen: string[] = [];
    const r = await run(["--stack", "prod", "--ubuntu", "24.04"], buildHandler([]), async (_root, stack) => {
      seen.push(stack);
      return { value: { "24.04": { arn: fromCli, name: "base-ubuntu-24-04-renamed", version: "1.0.0" } } };
    });
    assert.equal(r.code, 0, r.err.join("\n"));
    assert.deepEqual(seen, ["prod"]);
    assertStart(r.requests[0], fromCli, clientToken(fromCli, "2026-11-24T10Z"));
    assert.match(r.err[0], /differs from the derived .*base-ubuntu-24-04; using the output/);
  });

  it("--wait polls until AVAILABLE, then prints the AMI per region and the scan's findings by severity", async () => {
    const r = await run(
      ["--stack", "prod", "--ubuntu", "24.04", "--wait", "--interval", "60"],
      buildHandler(["PENDING", "BUILDING", "BUILDING", "TESTING", "DISTRIBUTING", "AVAILABLE"]),
    );
    assert.equal(r.code, 0, r.err.join("\n"));
    assert.deepEqual(
      r.requests.map((q) => q.operation),
      ["StartImagePipelineExecution", ...Array(6).fill("GetImage"), "ListImageScanFindingAggregations"],
    );
    const get = r.requests[1];
    assert.equal(get.method, "GET");
    assert.equal(get.query.get("imageBuildVersionArn"), IMAGE_ARN);
    assert.deepEqual(r.requests[7].body, { filter: { name: "imageBuildVersionArn", values: [IMAGE_ARN] } });
    assert.deepEqual(r.sleeps, Array(5).fill(60_000));
    // One progress line per status change, with the elapsed time.
    assert.deepEqual(r.err, [
      `${IMAGE_ARN}: PENDING (0s elapsed)`,
      `${IMAGE_ARN}: BUILDING (1m00s elapsed)`,
      `${IMAGE_ARN}: TESTING (3m00s elapsed)`,
      `${IMAGE_ARN}: DISTRIBUTING (4m00s elapsed)`,
      `${IMAGE_ARN}: AVAILABLE (5m00s elapsed)`,
    ]);
    assert.deepEqual(r.out.slice(2), [
      "build AVAILABLE after 5m00s",
      "eu-west-2  ami-0aaaaaaaaaaaaaaa1  (account 777788889999)",
      "eu-west-1  ami-0bbbbbbbbbbbbbbb2  (account 777788889999)",
      "vulnerability scan: COMPLETED",
      "findings: critical 1, high 3, medium 6, other 4 (all 14)",
    ]);
  });

  it("--wait exits 1 with the reason when the build FAILED", async () => {
    const r = await run(
      ["--stack", "prod", "--ubuntu", "24.04", "--wait"],
      buildHandler(["BUILDING", "FAILED"]),
    );
    assert.equal(r.code, 1);
    assert.equal(
      r.err.at(-1),
      "start-build: build FAILED after 30s: Image Tests: component update-os failed: exit 100",
    );
    assert.ok(!r.requests.some((q) => q.operation === "ListImageScanFindingAggregations"));
  });

  it("--wait gives up after --timeout, saying the build goes on", async () => {
    const r = await run(
      ["--stack", "prod", "--ubuntu", "24.04", "--wait", "--timeout", "2"],
      buildHandler(["BUILDING"]),
    );
    assert.equal(r.code, 1);
    assert.match(
      r.err.at(-1)!,
      /still BUILDING after 2m00s; the build goes on in AWS \(re-run with the same --token "2026-11-24T10Z"/,
    );
  });

  it("prints a scan that did not complete, without counts", async () => {
    let polls = 0;
    const r = await run(["--stack", "prod", "--ubuntu", "24.04", "--wait"], (req) => {
      if (req.operation === "StartImagePipelineExecution")
        return { body: { imageBuildVersionArn: IMAGE_ARN } };
      polls++;
      return {
        body: imageResponse("AVAILABLE", {
          ...AVAILABLE_EXTRA,
          scanState: {
            status: "ABANDONED",
            reason: "Amazon Inspector is not enabled for EC2 in this account",
          },
        }),
      };
    });
    assert.equal(r.code, 0, r.err.join("\n"));
    assert.equal(polls, 1);
    assert.equal(
      r.out.at(-1),
      "vulnerability scan: ABANDONED (Amazon Inspector is not enabled for EC2 in this account)",
    );
  });

  it("exits 1 with a clear message when Image Builder refuses the start", async () => {
    const r = await run(["--stack", "prod", "--ubuntu", "24.04"], () =>
      imagebuilderError(
        403,
        "ForbiddenException",
        "not authorized to perform imagebuilder:StartImagePipelineExecution",
      ),
    );
    assert.equal(r.code, 1);
    assert.match(
      r.err[0],
      /StartImagePipelineExecution in eu-west-2: access denied \(ForbiddenException\): not authorized/,
    );
  });

  it("refuses an Ubuntu version settings.json does not have, before calling AWS", async () => {
    const r = await run(["--stack", "prod", "--ubuntu", "20.04"], buildHandler([]));
    assert.equal(r.code, 1);
    assert.equal(r.requests.length, 0);
    assert.match(r.err[0], /Ubuntu 20\.04 is not in settings\.json \(it has 22\.04, 24\.04\)/);
  });

  it("requires --stack and --ubuntu", async () => {
    const r = await run(["--ubuntu", "24.04"], buildHandler([]));
    assert.equal(r.code, 2);
    assert.match(r.err[0], /--stack and --ubuntu are required/);
  });
});
