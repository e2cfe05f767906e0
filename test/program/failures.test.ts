import * as assert from "node:assert/strict";
import { readStackConfigFile } from "../../src/loader/stackConfigFile";
import { ValidationError } from "../../src/validation/problem";
import { ProgramFailure, REPO_ROOT, runProgram } from "../support/programHarness";

const dev = () => readStackConfigFile(REPO_ROOT, "dev");

async function failure(config: Record<string, string>): Promise<ProgramFailure> {
  try {
    await runProgram("dev", { config });
  } catch (error) {
    assert.ok(error instanceof ProgramFailure, String(error));
    return error;
  }
  assert.fail("the program should have refused to run");
}

describe("the program with other stack config", function () {
  this.timeout(60_000);

  it("creates no RAM share, no launch permission and exports a null share when no principals are configured", async () => {
    const run = await runProgram("dev", { config: { ...dev(), "dc-image-builder:sharePrincipals": "[]" } });
    const types = new Set(run.resources.map((r) => r.type));
    for (const t of [
      "aws:ram/resourceShare:ResourceShare",
      "aws:ram/resourceAssociation:ResourceAssociation",
      "aws:ram/principalAssociation:PrincipalAssociation",
      "dc-image-builder:imagebuilder:ComponentShare",
    ]) {
      assert.ok(!types.has(t), `${t} is not registered`);
    }
    assert.equal(run.outputs.resourceShareArn, null);
    const dist = run.resources.find((r) => r.name === "base-ubuntu-24-04-distribution");
    const [first] =
      (dist?.inputs.distributions as { amiDistributionConfiguration: Record<string, unknown> }[]) ?? [];
    assert.equal(first.amiDistributionConfiguration.launchPermission, undefined);
  });

  it("passes allowExternalPrincipals through to the share", async () => {
    const run = await runProgram("dev", {
      config: { ...dev(), "dc-image-builder:allowExternalPrincipals": "true" },
    });
    const share = run.resources.find((r) => r.type === "aws:ram/resourceShare:ResourceShare");
    assert.equal(share?.inputs.allowExternalPrincipals, true);
  });

  it("uses the configured subnet and security groups for build instances", async () => {
    const run = await runProgram("dev", {
      config: {
        ...dev(),
        "dc-image-builder:subnetId": "subnet-0123abcd",
        "dc-image-builder:securityGroupIds": '["sg-0123abcd","sg-4567ef01"]',
      },
    });
    const infra = run.resources.find((r) => r.name === "build-configuration");
    assert.equal(infra?.inputs.subnetId, "subnet-0123abcd");
    assert.deepEqual(infra?.inputs.securityGroupIds, ["sg-0123abcd", "sg-4567ef01"]);
  });

  it("refuses invalid stack config before registering anything, listing every problem with stack and key", async () => {
    const error = await failure({
      ...dev(),
      "aws:allowedAccountIds": '["111122223333","444455556666"]',
      "dc-image-builder:sharePrincipals": '["everyone"]',
    });
    assert.deepEqual(error.resources, []);
    assert.ok(error.cause instanceof ValidationError);
    assert.deepEqual(
      error.cause.problems.map((p) => [p.file, p.line, p.rule]),
      [
        ["Pulumi.dev.yaml", 4, "config/invalid"],
        ["Pulumi.dev.yaml", 6, "config/invalid"],
      ],
    );
    assert.match(error.message, /nothing was registered/);
    assert.match(
      error.message,
      /Pulumi\.dev\.yaml:4: config\/invalid: stack "dev": aws:allowedAccountIds must list exactly one/,
    );
    assert.match(error.message, /sharePrincipals\[0\] "everyone" is not an organization ARN/);
  });

  it("refuses a stack in a region where settings.json's AWS-managed ARNs do not exist", async () => {
    const error = await failure({ ...dev(), "aws:region": "us-east-1" });
    assert.deepEqual(error.resources, []);
    assert.ok(error.cause instanceof ValidationError);
    assert.deepEqual(
      error.cause.problems.map((p) => [p.file, p.rule]),
      [
        ["settings.json", "imagebuilder/managed-arn-region"],
        ["settings.json", "imagebuilder/managed-arn-region"],
      ],
    );
  });
});
