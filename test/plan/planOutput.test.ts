import * as assert from "node:assert/strict";
import * as path from "node:path";
import { Plan } from "../../src/plan/planDocument";
import { renderOutcome, runPlan } from "../../src/plan/runPlan";
import { REPO_ROOT } from "../support/programHarness";

const ENTRY = path.join(REPO_ROOT, "index.ts");

async function plan(stack: string): Promise<{ text: string; json: Plan; exitCode: number }> {
  const outcome = await runPlan({ root: REPO_ROOT, entry: ENTRY, stack });
  assert.equal(outcome.kind, "plan", renderOutcome(outcome, false).output);
  const text = renderOutcome(outcome, false);
  const json = JSON.parse(renderOutcome(outcome, true).output) as Plan;
  return { text: text.output, json, exitCode: text.exitCode };
}

/** The tree line of a resource: `type name  fields...`. */
function lineOf(text: string, type: string, name: string): string {
  const line = text.split("\n").find((l) => l.includes(`${type} ${name}`));
  assert.ok(line, `no line for ${type} ${name}`);
  return line;
}

describe("plan of the shipped stacks", () => {
  let dev: Awaited<ReturnType<typeof plan>>;
  let prod: Awaited<ReturnType<typeof plan>>;
  before(async () => {
    dev = await plan("dev");
    prod = await plan("prod");
  });

  it("heads the text with stack, account, region and the resource count, and exits 0", () => {
    assert.equal(dev.exitCode, 0);
    assert.match(
      dev.text,
      new RegExp(
        `^Plan for stack dev \\(account 111122223333, eu-west-2\\): ${dev.json.resources.length} resources\n`,
      ),
    );
    assert.match(prod.text, /^Plan for stack prod \(account 777788889999, eu-west-2\): \d+ resources\n/);
  });

  it("draws each ComponentResource with its children and the versions", () => {
    const lines = dev.text.split("\n");
    const i = lines.findIndex(
      (l) => l === "├─ dc-image-builder:imagebuilder:VersionedComponent update-os-ubuntu-24-04",
    );
    assert.ok(i > 0);
    assert.match(
      lines[i + 1],
      /^│ {2}└─ aws:imagebuilder\/component:Component update-os-ubuntu-24-04 {2}version=1\.0\.0 .*retainOnDelete$/,
    );
  });

  it("lists each recipe's components in order, with the parent image and version", () => {
    assert.match(
      lineOf(dev.text, "aws:imagebuilder/imageRecipe:ImageRecipe", "base-ubuntu-24-04-recipe"),
      /version=1\.0\.0 parentImage=ami-0f9535ce5ed4a1e3d rootVolume=30GiB retainOnDelete$/,
    );
    const at = dev.text.indexOf("base-ubuntu-24-04-recipe");
    const order = [
      "1. update-os-ubuntu-24-04@1.0.0",
      "2. common-packages-ubuntu-24-04@1.0.0",
      "6. aws/amazon-cloudwatch-agent-linux@x.x.x",
    ];
    let from = at;
    for (const item of order) {
      const next = dev.text.indexOf(item, from);
      assert.ok(next > from, `${item} after the previous one`);
      from = next;
    }
  });

  it("shows the schedule, the sharing principals and the regions per stack", () => {
    assert.match(
      lineOf(dev.text, "aws:imagebuilder/imagePipeline:ImagePipeline", "base-ubuntu-22-04-pipeline"),
      /schedule=none \(started by hand\)/,
    );
    assert.match(
      lineOf(prod.text, "aws:imagebuilder/imagePipeline:ImagePipeline", "base-ubuntu-22-04-pipeline"),
      /schedule=cron\(0 4 \* \* \? \*\) \(when a dependency changed\)/,
    );
    assert.match(
      lineOf(
        dev.text,
        "aws:imagebuilder/distributionConfiguration:DistributionConfiguration",
        "base-ubuntu-24-04-distribution",
      ),
      /regions=eu-west-2 sharedWith=ou ou-ab12-34cd56ef, account 444455556666 /,
    );
    assert.match(
      lineOf(
        prod.text,
        "aws:imagebuilder/distributionConfiguration:DistributionConfiguration",
        "base-ubuntu-24-04-distribution",
      ),
      /regions=eu-west-2,eu-west-1 sharedWith=org o-a1b2c3d4e5 /,
    );
    assert.match(lineOf(prod.text, "aws:kms/replicaKey:ReplicaKey", "ami-key-eu-west-1"), /region=eu-west-1/);
    assert.match(
      lineOf(dev.text, "aws:ram/principalAssociation:PrincipalAssociation", "components-444455556666"),
      /principal=444455556666/,
    );
  });

  it("ends with the stack outputs and the count by type", () => {
    assert.match(
      dev.text,
      /\nOutputs:\n {2}contractVersion: 1\n {2}region: eu-west-2\n {2}accountId: '111122223333'\n/,
    );
    assert.match(dev.text, /\n {4}'24\.04': \/dc-image-builder\/base-ami\/ubuntu-24\.04\n/);
    const counts = dev.text.split("\n").find((l) => l.startsWith("Resources by type: "));
    assert.ok(counts);
    assert.match(counts, /^Resources by type: 12 aws:imagebuilder\/component:Component, /);
    assert.match(counts, /, 2 aws:imagebuilder\/imageRecipe:ImageRecipe, /);
  });

  it("emits a JSON document with format version, URNs, parents, inputs and outputs", () => {
    const { json } = dev;
    assert.equal(json.planFormatVersion, 1);
    assert.equal(json.kind, "plan");
    assert.deepEqual(
      [json.project, json.stack, json.account, json.region],
      ["dc-image-builder", "dev", "111122223333", "eu-west-2"],
    );
    const urns = new Set(json.resources.map((r) => r.urn));
    for (const r of json.resources) {
      assert.match(r.urn, /^urn:pulumi:dev::dc-image-builder::/);
      assert.ok(r.urn.endsWith(`::${r.name}`));
      if (r.parent !== null) assert.ok(urns.has(r.parent), `${r.urn}: parent ${r.parent}`);
    }
    const recipe = json.resources.find((r) => r.name === "base-ubuntu-24-04-recipe");
    assert.ok(recipe);
    assert.equal(
      recipe.parent,
      "urn:pulumi:dev::dc-image-builder::dc-image-builder:imagebuilder:BaseImage::base-ubuntu-24-04",
    );
    assert.equal(recipe.retainOnDelete, true);
    assert.deepEqual(
      (recipe.inputs.components as { componentArn: string }[]).map((c) => c.componentArn)[0],
      "arn:aws:imagebuilder:eu-west-2:111122223333:component/update-os-ubuntu-24-04/1.0.0/1",
    );
    assert.equal(
      Object.values(json.resourceCounts).reduce((a, b) => a + b, 0),
      json.resources.length,
    );
    assert.equal((json.outputs.recipes as Record<string, { version: string }>)["24.04"].version, "1.0.0");
    assert.equal(prod.json.account, "777788889999");
  });

  it("is deterministic: the same inputs give the same document", async () => {
    const again = await plan("dev");
    assert.equal(JSON.stringify(again.json), JSON.stringify(dev.json));
    assert.equal(again.text, dev.text);
  });
});

describe("plan of an unknown stack", () => {
  it("is a usage error", async () => {
    const outcome = await runPlan({ root: REPO_ROOT, entry: ENTRY, stack: "nope" }).catch((e: Error) => e);
    assert.ok(outcome instanceof Error && /no stack "nope"/.test(outcome.message));
  });
});
