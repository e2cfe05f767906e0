import * as assert from "node:assert/strict";
import { policyAllows, type PolicyDocument } from "../iam/policy";
import { requiredActions } from "../iam/requiredActions";

/** The offline IAM evaluator the deployer-policy test relies on: if it is wrong, that test means nothing. */

const policy = (statements: PolicyDocument["Statement"]): PolicyDocument => ({
  Version: "2012-10-17",
  Statement: statements,
});
const ctx = { "aws:PrincipalAccount": "123456789012" };

describe("IAM policy evaluator", () => {
  it("matches actions case-insensitively with wildcards, resources case-sensitively", () => {
    const p = policy([{ Effect: "Allow", Action: "sns:Get*", Resource: "arn:aws:sns:*:*:dc-*" }]);
    assert.ok(
      policyAllows(p, { action: "SNS:GetTopicAttributes", resource: "arn:aws:sns:eu-west-2:1:dc-x" }),
    );
    assert.ok(!policyAllows(p, { action: "sns:DeleteTopic", resource: "arn:aws:sns:eu-west-2:1:dc-x" }));
    assert.ok(
      !policyAllows(p, { action: "sns:GetTopicAttributes", resource: "arn:aws:sns:eu-west-2:1:DC-x" }),
    );
  });

  it("substitutes ${aws:PrincipalAccount} from the request", () => {
    const p = policy([
      { Effect: "Allow", Action: "sns:DeleteTopic", Resource: "arn:aws:sns:*:${aws:PrincipalAccount}:t" },
    ]);
    assert.ok(
      policyAllows(p, { action: "sns:DeleteTopic", resource: "arn:aws:sns:r:123456789012:t", context: ctx }),
    );
    assert.ok(
      !policyAllows(p, { action: "sns:DeleteTopic", resource: "arn:aws:sns:r:999999999999:t", context: ctx }),
    );
  });

  it("denies when a condition key is missing, unless the operator is ...IfExists", () => {
    const p = policy([
      {
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: "*",
        Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
      },
      {
        Effect: "Allow",
        Action: "ram:UpdateResourceShare",
        Resource: "*",
        Condition: { BoolIfExists: { "ram:RequestedAllowsExternalPrincipals": "false" } },
      },
    ]);
    assert.ok(!policyAllows(p, { action: "iam:PassRole", resource: "r" }));
    assert.ok(
      policyAllows(p, {
        action: "iam:PassRole",
        resource: "r",
        context: { "iam:PassedToService": "ec2.amazonaws.com" },
      }),
    );
    assert.ok(policyAllows(p, { action: "ram:UpdateResourceShare", resource: "r" }));
    assert.ok(
      !policyAllows(p, {
        action: "ram:UpdateResourceShare",
        resource: "r",
        context: { "ram:RequestedAllowsExternalPrincipals": true },
      }),
    );
  });

  it("lets an explicit Deny win and refuses what it cannot evaluate", () => {
    const p = policy([
      { Effect: "Allow", Action: "kms:*", Resource: "*" },
      { Effect: "Deny", Action: "kms:ScheduleKeyDeletion", Resource: "*" },
    ]);
    assert.ok(policyAllows(p, { action: "kms:DescribeKey", resource: "k" }));
    assert.ok(!policyAllows(p, { action: "kms:ScheduleKeyDeletion", resource: "k" }));
    const odd = policy([
      {
        Effect: "Allow",
        Action: "kms:DescribeKey",
        Resource: "*",
        Condition: { NumericLessThan: { x: "1" } },
      },
    ]);
    assert.throws(() => policyAllows(odd, { action: "kms:DescribeKey", resource: "k", context: { x: "0" } }));
  });
});

describe("required actions mapping", () => {
  const stack = { stack: "dev", region: "eu-west-2", account: "123456789012" };

  it("fails for an aws: resource type it does not know, ignores component resources", () => {
    assert.throws(
      () => requiredActions({ type: "aws:s3/bucket:Bucket", name: "b", inputs: {} }, stack),
      /no IAM mapping/,
    );
    assert.deepEqual(
      requiredActions({ type: "dc-image-builder:index:BaseImage", name: "x", inputs: {} }, stack),
      [],
    );
  });

  it("asks for PutRolePolicy when a role has inline policies (which the deployer may not grant)", () => {
    const needs = requiredActions(
      {
        type: "aws:iam/role:Role",
        name: "r",
        inputs: { name: "dc-image-builder-dev-x", inlinePolicies: [{}] },
      },
      stack,
    );
    assert.ok(needs.some((n) => n.action === "iam:PutRolePolicy"));
  });

  it("follows the recipe's parent image: AMI id -> ec2:DescribeImages, ssm: -> that parameter", () => {
    const recipe = (parentImage: string) =>
      requiredActions(
        {
          type: "aws:imagebuilder/imageRecipe:ImageRecipe",
          name: "r",
          inputs: { name: "r", version: "1.0.0", parentImage },
        },
        stack,
      );
    assert.ok(recipe("ami-0123456789abcdef0").some((n) => n.action === "ec2:DescribeImages"));
    assert.ok(
      recipe("ssm:/dc-image-builder/dev/base").some(
        (n) => n.resource === "arn:aws:ssm:eu-west-2:123456789012:parameter/dc-image-builder/dev/base",
      ),
    );
  });
});
