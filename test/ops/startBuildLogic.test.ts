import * as assert from "node:assert/strict";
import type { Image } from "@aws-sdk/client-imagebuilder";
import { parseStackConfig } from "../../src/config/stackConfig";
import { readStackConfigFile } from "../../src/loader/stackConfigFile";
import { amiLines, formatElapsed, waitForImage } from "../../src/ops/buildWaiter";
import { clientToken, utcHourKey } from "../../src/ops/clientToken";
import { basePipelineArn, pipelineArnFromOutputs } from "../../src/ops/pipelineArn";
import { describeScan, imageSeverityCounts, scanSummary } from "../../src/ops/scanFindings";
import { REPO_ROOT } from "./support/tempProject";

describe("pipeline ARN", () => {
  it("is derived from the stack's region, account and the base image's name", () => {
    const parsed = parseStackConfig("dev", readStackConfigFile(REPO_ROOT, "dev"));
    assert.ok(parsed.ok);
    assert.equal(
      basePipelineArn(parsed.value, "24.04"),
      `arn:aws:imagebuilder:${parsed.value.region}:${parsed.value.accountId}:image-pipeline/base-ubuntu-24-04`,
    );
    assert.equal(
      basePipelineArn({ region: "eu-west-1", accountId: "123456789012" }, "22.04"),
      "arn:aws:imagebuilder:eu-west-1:123456789012:image-pipeline/base-ubuntu-22-04",
    );
  });

  it("is read from the stack's `pipelines` output when it has the version", () => {
    const output = {
      "24.04": { arn: "arn:aws:imagebuilder:eu-west-2:1:image-pipeline/x", name: "x", version: "1.0.0" },
    };
    assert.equal(
      pipelineArnFromOutputs(output, "24.04"),
      "arn:aws:imagebuilder:eu-west-2:1:image-pipeline/x",
    );
    assert.equal(pipelineArnFromOutputs(output, "22.04"), undefined);
    assert.equal(pipelineArnFromOutputs(null, "24.04"), undefined);
    assert.equal(pipelineArnFromOutputs({ "24.04": { arn: 3 } }, "24.04"), undefined);
  });
});

describe("client token", () => {
  const arn = "arn:aws:imagebuilder:eu-west-2:111122223333:image-pipeline/base-ubuntu-24-04";

  it("is UUID-shaped (Image Builder takes 1-36 characters) and deterministic", () => {
    const t = clientToken(arn, "2026-11-24T10Z");
    assert.match(t, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(clientToken(arn, "2026-11-24T10Z"), t);
    assert.notEqual(clientToken(arn, "2026-11-24T11Z"), t);
    assert.notEqual(clientToken(arn.replace("24-04", "22-04"), "2026-11-24T10Z"), t);
  });

  it("defaults to a key per UTC hour", () => {
    assert.equal(utcHourKey(new Date("2026-11-24T10:00:00Z")), "2026-11-24T10Z");
    assert.equal(utcHourKey(new Date("2026-11-24T10:59:59.999Z")), "2026-11-24T10Z");
    assert.equal(utcHourKey(new Date("2026-11-24T11:00:00+01:00")), "2026-11-24T10Z");
  });
});

describe("build waiter", () => {
  function scripted(statuses: string[]) {
    let t = 0;
    let i = 0;
    const sleeps: number[] = [];
    return {
      sleeps,
      options: {
        getImage: async (): Promise<Image> => {
          const status = statuses[Math.min(i++, statuses.length - 1)];
          return { state: { status: status as never, reason: status === "FAILED" ? "boom" : undefined } };
        },
        sleep: async (ms: number) => {
          sleeps.push(ms);
          t += ms;
        },
        now: () => t,
        intervalMs: 1000,
        timeoutMs: 10_000,
      },
    };
  }

  it("polls until AVAILABLE, sleeping between polls and never after the last", async () => {
    const s = scripted(["PENDING", "BUILDING", "AVAILABLE"]);
    const progress: string[] = [];
    const r = await waitForImage("arn", {
      ...s.options,
      onProgress: (p) => progress.push(`${p.status}@${p.elapsedMs}#${p.polls}`),
    });
    assert.equal(r.outcome, "available");
    assert.deepEqual(s.sleeps, [1000, 1000]);
    assert.deepEqual(progress, ["PENDING@0#1", "BUILDING@1000#2", "AVAILABLE@2000#3"]);
  });

  it("stops on FAILED and CANCELLED with the reason", async () => {
    const failed = await waitForImage("arn", scripted(["BUILDING", "FAILED"]).options);
    assert.deepEqual(failed.outcome === "failed" && [failed.status, failed.reason], ["FAILED", "boom"]);
    const cancelled = await waitForImage("arn", scripted(["CANCELLED"]).options);
    assert.deepEqual(cancelled.outcome === "failed" && [cancelled.status, cancelled.reason], [
      "CANCELLED",
      "no reason given",
    ]);
  });

  it("times out without sleeping past the limit", async () => {
    const s = scripted(["BUILDING"]);
    const r = await waitForImage("arn", s.options);
    assert.deepEqual(r, { outcome: "timeout", status: "BUILDING", elapsedMs: 10_000 });
    assert.equal(s.sleeps.length, 10);
  });

  it("formats elapsed time and AMI lines", () => {
    assert.deepEqual([0, 12_999, 245_000, 3_723_000].map(formatElapsed), ["0s", "12s", "4m05s", "1h02m03s"]);
    assert.deepEqual(amiLines({ outputResources: { amis: [{ region: "eu-west-2", image: "ami-1" }] } }), [
      "eu-west-2  ami-1",
    ]);
    assert.deepEqual(amiLines({}), []);
  });
});

describe("scan findings", () => {
  const arn = "arn:aws:imagebuilder:eu-west-2:1:image/x/1.0.0/1";

  it("takes the image's own aggregation", () => {
    const counts = imageSeverityCounts(arn, [
      {
        imageAggregation: {
          imageBuildVersionArn: arn,
          severityCounts: { all: 5, critical: 0, high: 2, medium: 1 },
        },
      },
      {
        imageAggregation: {
          imageBuildVersionArn: `${arn}x`,
          severityCounts: { all: 99, critical: 9, high: 9, medium: 9 },
        },
      },
    ]);
    assert.deepEqual(counts, { all: 5, critical: 0, high: 2, medium: 1 });
  });

  it("adds up per-vulnerability aggregations when that is what comes back, and says when there are none", () => {
    const counts = imageSeverityCounts(arn, [
      { vulnerabilityIdAggregation: { vulnerabilityId: "CVE-1", severityCounts: { all: 2, high: 2 } } },
      { vulnerabilityIdAggregation: { vulnerabilityId: "CVE-2", severityCounts: { all: 1, critical: 1 } } },
    ]);
    assert.deepEqual(counts, { all: 3, critical: 1, high: 2, medium: 0 });
    assert.equal(imageSeverityCounts(arn, []), undefined);
  });

  it("describes completed and unfinished scans", () => {
    assert.equal(scanSummary(undefined, undefined), undefined);
    assert.deepEqual(describeScan(scanSummary({ status: "COMPLETED" }, undefined)!), [
      "vulnerability scan: COMPLETED",
      "findings: none reported",
    ]);
    assert.deepEqual(
      describeScan(scanSummary({ status: "TIMED_OUT", reason: "took too long" }, undefined)!),
      ["vulnerability scan: TIMED_OUT (took too long)"],
    );
  });
});
