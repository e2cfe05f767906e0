import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { PROJECT, parseStackConfig, projectConfigSchema } from "../../src/config/stackConfig";
import { readStackConfigFile } from "../../src/loader/stackConfigFile";

const ROOT = path.resolve(__dirname, "..", "..");
const BASE = { "aws:region": "eu-west-2", "aws:allowedAccountIds": '["111122223333"]' };
const ORG = "arn:aws:organizations::999988887777:organization/o-a1b2c3d4e5";
const OU = "arn:aws:organizations::999988887777:ou/o-a1b2c3d4e5/ou-ab12-34cd56ef";

function valid(raw: Record<string, string>) {
  const result = parseStackConfig("test", raw);
  if (!result.ok) assert.fail(result.problems.map((p) => p.message).join("\n"));
  return result.value;
}

function messages(raw: Record<string, string>, lineOf?: (key: string) => number | undefined) {
  const result = parseStackConfig("test", raw, lineOf);
  if (result.ok) assert.fail("expected problems");
  return result.problems;
}

describe("stack config", () => {
  it("applies the documented defaults", () => {
    const c = valid(BASE);
    assert.deepEqual(
      { ...c },
      {
        stack: "test",
        region: "eu-west-2",
        accountId: "111122223333",
        sharePrincipals: [],
        allowExternalPrincipals: false,
        distributionRegions: [],
        buildInstanceTypes: ["m5.large"],
        pipelineSchedule: "cron(0 4 * * ? *)",
        imageTestsEnabled: true,
        imageScanningEnabled: false,
        amiDeprecateAfterDays: 90,
        amiKeepNewest: 3,
        ssmParameterPrefix: "/dc-image-builder/base-ami",
        sharing: { organizationArns: [], organizationalUnitArns: [], accountIds: [] },
      },
    );
    assert.equal(c.subnetId, undefined);
    assert.equal(c.securityGroupIds, undefined);
  });

  it("sorts principals into organizations, OUs and accounts", () => {
    const c = valid({ ...BASE, [`${PROJECT}:sharePrincipals`]: JSON.stringify([ORG, OU, "444455556666"]) });
    assert.deepEqual(c.sharing, {
      organizationArns: [ORG],
      organizationalUnitArns: [OU],
      accountIds: ["444455556666"],
    });
  });

  it("reads booleans, numbers and lists the way Pulumi passes them (JSON text)", () => {
    const c = valid({
      ...BASE,
      [`${PROJECT}:allowExternalPrincipals`]: "true",
      [`${PROJECT}:amiKeepNewest`]: "7",
      [`${PROJECT}:subnetId`]: "subnet-0123abcd",
      [`${PROJECT}:securityGroupIds`]: '["sg-0123abcd"]',
      [`${PROJECT}:pipelineSchedule`]: "none",
    });
    assert.equal(c.allowExternalPrincipals, true);
    assert.equal(c.amiKeepNewest, 7);
    assert.equal(c.subnetId, "subnet-0123abcd");
    assert.deepEqual(c.securityGroupIds, ["sg-0123abcd"]);
    assert.equal(c.pipelineSchedule, "none");
  });

  it("treats the declared empty defaults of subnetId and securityGroupIds as unset", () => {
    const c = valid({ ...BASE, [`${PROJECT}:subnetId`]: "", [`${PROJECT}:securityGroupIds`]: "[]" });
    assert.equal(c.subnetId, undefined);
    assert.equal(c.securityGroupIds, undefined);
  });

  it("requires aws:region and aws:allowedAccountIds, naming the stack and key", () => {
    const problems = messages({});
    assert.deepEqual(
      problems.map((p) => [p.file, p.rule, p.message]),
      [
        [
          "Pulumi.test.yaml",
          "config/invalid",
          'stack "test": aws:region is required: the region this stack deploys to',
        ],
        [
          "Pulumi.test.yaml",
          "config/invalid",
          'stack "test": aws:allowedAccountIds is required: the one 12-digit account id this stack may deploy to',
        ],
      ],
    );
  });

  for (const [value, why] of [
    ['["1111"]', "not 12 digits"],
    ['["111122223333", "444455556666"]', "two accounts"],
    ["[]", "empty"],
    ["111122223333", "not a list"],
  ]) {
    it(`rejects aws:allowedAccountIds ${value} (${why})`, () => {
      const [p] = messages({ ...BASE, "aws:allowedAccountIds": value });
      assert.equal(
        p.message,
        `stack "test": aws:allowedAccountIds must list exactly one 12-digit account id (one stack is one account), got ${value}`,
      );
    });
  }

  it("reports every bad key at once, with the offending value and the line in the stack file", () => {
    const problems = messages(
      {
        "aws:region": "London",
        "aws:allowedAccountIds": '["111122223333"]',
        [`${PROJECT}:sharePrincipals`]: '["arn:aws:iam::444455556666:root"]',
        [`${PROJECT}:pipelineSchedule`]: "daily",
        [`${PROJECT}:securityGroupIds`]: '["sg-0123abcd"]',
        [`${PROJECT}:amiKeepNewest`]: "0",
        [`${PROJECT}:shareWith`]: "[]",
      },
      (key) => ({ "aws:region": 3, [`${PROJECT}:pipelineSchedule`]: 9 })[key],
    );
    assert.deepEqual(
      problems.map((p) => [p.line, p.message]),
      [
        [3, 'stack "test": aws:region "London" is not an AWS region'],
        [
          undefined,
          `stack "test": ${PROJECT}:shareWith is not a known key (known: sharePrincipals, allowExternalPrincipals, distributionRegions, buildInstanceTypes, pipelineSchedule, imageTestsEnabled, imageScanningEnabled, amiDeprecateAfterDays, amiKeepNewest, subnetId, securityGroupIds, ssmParameterPrefix)`,
        ],
        [
          undefined,
          `stack "test": ${PROJECT}:sharePrincipals[0] "arn:aws:iam::444455556666:root" is not an organization ARN (arn:aws:organizations::<account>:organization/o-…), an OU ARN (…:ou/o-…/ou-…) or a 12-digit account id`,
        ],
        [
          9,
          `stack "test": ${PROJECT}:pipelineSchedule "daily" is neither "none" nor a cron(...) expression such as "cron(0 4 * * ? *)"`,
        ],
        [undefined, `stack "test": ${PROJECT}:amiKeepNewest must keep at least the newest AMI`],
        [
          undefined,
          `stack "test": ${PROJECT}:securityGroupIds Image Builder needs subnetId when securityGroupIds is set`,
        ],
      ],
    );
  });

  it("rejects a principal written as a number (unquoted account id in YAML)", () => {
    const [p] = messages({ ...BASE, [`${PROJECT}:sharePrincipals`]: "[444455556666]" });
    assert.equal(p.message, `stack "test": ${PROJECT}:sharePrincipals[0] Expected string, received number`);
  });

  describe("the shipped stacks", () => {
    it("dev and prod are valid, each pinned to its own account", () => {
      const dev = parseStackConfig("dev", readStackConfigFile(ROOT, "dev"));
      const prod = parseStackConfig("prod", readStackConfigFile(ROOT, "prod"));
      assert.ok(dev.ok && prod.ok);
      assert.equal(dev.value.accountId, "111122223333");
      assert.equal(prod.value.accountId, "777788889999");
    });

    it("Pulumi.yaml declares every key with a description and the same default the program applies", () => {
      const project = yaml.load(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as {
        config: Record<string, { type: string; description: string; default: unknown }>;
      };
      const declared = Object.keys(project.config);
      const known = Object.keys(projectConfigSchema.innerType().shape);
      assert.deepEqual(declared.sort(), [...known].sort());
      const applied = projectConfigSchema.parse({});
      for (const [key, decl] of Object.entries(project.config)) {
        assert.ok(decl.description.length > 20, `${key} needs a description`);
        assert.ok(["string", "boolean", "integer", "array"].includes(decl.type), `${key}: type ${decl.type}`);
        const programDefault = (applied as Record<string, unknown>)[key];
        const declaredDefault = key === "subnetId" || key === "securityGroupIds" ? undefined : decl.default;
        assert.deepEqual(programDefault, declaredDefault, `default of ${key}`);
      }
    });
  });
});
