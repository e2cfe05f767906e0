import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { grantedServices, list, policyAllows, type PolicyDocument } from "../iam/policy";
import {
  requiredActions,
  stateBackendNeeds,
  type Need,
  type RegisteredResource,
  type StackContext,
} from "../iam/requiredActions";
import { representativeProgram } from "../iam/representativeProgram";

/**
 * iam/deployer-policy.json must allow everything a deploy of this program needs and nothing else:
 * every resource the program registers (under mocks, for each stack) is mapped to the IAM actions its
 * create/read/update/delete need, and the policy is evaluated against each of them.
 */

const ROOT = path.resolve(__dirname, "..", "..");
const POLICY = JSON.parse(
  fs.readFileSync(path.join(ROOT, "iam", "deployer-policy.json"), "utf8"),
) as PolicyDocument;
const PREVIEW_POLICY = JSON.parse(
  fs.readFileSync(path.join(ROOT, "iam", "preview-policy.json"), "utf8"),
) as PolicyDocument;
const HARNESS = path.join(ROOT, "test", "support", "programHarness.ts");
const ACCOUNT = "123456789012";
const STACKS = ["dev", "prod"] as const;

/** Actions that IAM only authorises on `*` (no resource-level permissions): the only `*` resources allowed. */
const STAR_RESOURCE_ACTIONS = new Set([
  "kms:CreateKey",
  "kms:ListAliases",
  "ram:GetResourceShares",
  "ram:GetResourceShareAssociations",
  "ec2:DescribeImages",
]);

/** Services the Pulumi CLI needs for itself rather than for the program: only the S3 state backend. */
const BACKEND_SERVICES = new Set(["s3"]);

function stackContext(stack: string): StackContext {
  const file = path.join(ROOT, `Pulumi.${stack}.yaml`);
  let region = "eu-west-2";
  let account = ACCOUNT;
  if (fs.existsSync(file)) {
    const doc = yaml.load(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | undefined;
    const configured = doc?.config?.["aws:region"];
    if (typeof configured === "string") region = configured;
    const allowed = doc?.config?.["aws:allowedAccountIds"];
    if (Array.isArray(allowed) && allowed.length > 0) account = String(allowed[0]);
  }
  // The harness names resources with the stack's account (aws:allowedAccountIds), so must we.
  return { stack, region, account };
}

function needsOf(resources: RegisteredResource[], ctx: StackContext): Need[] {
  return resources.flatMap((r) => requiredActions(r, ctx, resources));
}

function denied(policy: PolicyDocument, needs: Need[]): string[] {
  return needs
    .filter((n) => !policyAllows(policy, n))
    .map((n) => `${n.action} on ${n.resource} ${JSON.stringify(n.context)} (for ${n.from})`);
}

type Harness = {
  runProgram(
    stack: "dev" | "prod",
  ): Promise<{ resources: RegisteredResource[]; outputs: Record<string, unknown> }>;
};

const programResources = new Map<string, RegisteredResource[]>();
const harnessPresent = fs.existsSync(HARNESS);
let programError: unknown;

describe("deployer policy (iam/deployer-policy.json)", () => {
  before(async function () {
    if (!harnessPresent) return;
    this.timeout(120_000);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const harness = require(HARNESS) as Harness;
    try {
      for (const stack of STACKS) programResources.set(stack, (await harness.runProgram(stack)).resources);
    } catch (e) {
      // Reported by the tests that need the program; the policy's own checks still run.
      programError = e;
    }
  });

  /** Needs of the representative program and, when the harness is present, of the real one. */
  function allNeeds(): Need[] {
    return STACKS.flatMap((stack) => {
      const ctx = stackContext(stack);
      return [
        ...needsOf(representativeProgram(ctx), ctx),
        ...needsOf(programResources.get(stack) ?? [], ctx),
        ...stateBackendNeeds(ctx),
      ];
    });
  }

  describe("shape", () => {
    it("is a 2012-10-17 policy of Allow statements with Sids, Action and Resource only", () => {
      assert.equal(POLICY.Version, "2012-10-17");
      const sids = POLICY.Statement.map((s) => s.Sid);
      assert.equal(new Set(sids).size, sids.length, "duplicate or missing Sid");
      for (const s of POLICY.Statement) {
        assert.ok(s.Sid, "statement without Sid");
        assert.equal(s.Effect, "Allow", `${s.Sid}: only Allow statements`);
        assert.equal(s.NotAction, undefined, `${s.Sid}: NotAction grants everything else`);
        assert.equal(s.NotResource, undefined, `${s.Sid}: NotResource grants everything else`);
      }
    });

    it("grants no wildcard actions (no `*`, no `service:*`, no `service:Get*`)", () => {
      for (const s of POLICY.Statement) {
        for (const a of list(s.Action)) {
          assert.match(a, /^[a-z0-9-]+:[A-Za-z0-9]+$/, `${s.Sid}: "${a}" is a wildcard or malformed`);
        }
      }
    });

    it("uses Resource `*` only for actions that have no resource-level permissions", () => {
      for (const s of POLICY.Statement) {
        if (!list(s.Resource).includes("*")) continue;
        for (const a of list(s.Action)) {
          assert.ok(STAR_RESOURCE_ACTIONS.has(a), `${s.Sid}: ${a} on "*" but it supports resource ARNs`);
        }
      }
    });

    it("names its own account through ${aws:PrincipalAccount}, never a literal account id", () => {
      const text = JSON.stringify(POLICY);
      assert.doesNotMatch(text, /:\d{12}:/, "a literal account id ties the policy to one account");
    });
  });

  for (const stack of STACKS) {
    describe(`stack ${stack}`, () => {
      it("allows everything the representative program needs", () => {
        const ctx = stackContext(stack);
        assert.deepEqual(denied(POLICY, needsOf(representativeProgram(ctx), ctx)), []);
      });

      it("allows everything the program registered under mocks needs", function () {
        if (!harnessPresent) this.skip(); // test/support/programHarness.ts has not landed yet
        if (programError) throw programError;
        const resources = programResources.get(stack) ?? [];
        assert.ok(
          resources.some((r) => r.type.startsWith("aws:")),
          "the program registered no AWS resources",
        );
        assert.deepEqual(denied(POLICY, needsOf(resources, stackContext(stack))), []);
      });

      it("allows the state backend's bucket (S3 backend)", () => {
        assert.deepEqual(denied(POLICY, stateBackendNeeds(stackContext(stack))), []);
      });
    });
  }

  it("maps every resource type the program registers (unknown aws: types fail)", function () {
    if (!harnessPresent) this.skip();
    if (programError) throw programError;
    for (const stack of STACKS) {
      for (const r of programResources.get(stack) ?? []) {
        assert.doesNotThrow(() => requiredActions(r, stackContext(stack), programResources.get(stack)));
      }
    }
  });

  it("grants no service the program (or the state backend) does not use", () => {
    const used = new Set(allNeeds().map((n) => n.action.split(":")[0]));
    for (const service of grantedServices(POLICY)) {
      assert.ok(used.has(service) || BACKEND_SERVICES.has(service), `grants ${service}, which nothing needs`);
    }
  });

  it("grants no action that nothing needs", () => {
    const needed = new Set(allNeeds().map((n) => n.action.toLowerCase()));
    const extra = POLICY.Statement.flatMap((s) => list(s.Action)).filter((a) => !needed.has(a.toLowerCase()));
    assert.deepEqual([...new Set(extra)], []);
  });

  describe("what the deployer may not do", () => {
    const ctx = { "aws:PrincipalAccount": ACCOUNT };
    const projectRole = `arn:aws:iam::${ACCOUNT}:role/dc-image-builder-dev-build-instance`;
    const no = (action: string, resource: string, context: Record<string, string | boolean> = {}) =>
      assert.equal(
        policyAllows(POLICY, { action, resource, context: { ...ctx, ...context } }),
        false,
        `${action} on ${resource} ${JSON.stringify(context)} is allowed`,
      );

    it("cannot change its own role or any role outside the project", () => {
      const self = `arn:aws:iam::${ACCOUNT}:role/circleci-dc-image-builder-deployer`;
      no("iam:UpdateAssumeRolePolicy", self);
      no("iam:AttachRolePolicy", self, { "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess" });
      no("iam:CreateRole", `arn:aws:iam::${ACCOUNT}:role/admin`);
      no("iam:PassRole", self, { "iam:PassedToService": "ec2.amazonaws.com" });
    });

    it("cannot give the project's roles more than the managed policies the program attaches", () => {
      no("iam:AttachRolePolicy", projectRole, {
        "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess",
      });
      no("iam:PutRolePolicy", projectRole);
      no("iam:CreatePolicy", `arn:aws:iam::${ACCOUNT}:policy/dc-image-builder-anything`);
    });

    it("passes the build role only to EC2/Image Builder and the lifecycle role only to Image Builder", () => {
      no("iam:PassRole", projectRole, { "iam:PassedToService": "lambda.amazonaws.com" });
      no("iam:PassRole", projectRole);
      no("iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/dc-image-builder-dev-lifecycle`, {
        "iam:PassedToService": "ec2.amazonaws.com",
      });
    });

    it("cannot share outside the organization, read other parameters, or create other kinds of keys", () => {
      no("ram:CreateResourceShare", `arn:aws:ram:eu-west-2:${ACCOUNT}:resource-share/x`, {
        "ram:RequestedAllowsExternalPrincipals": true,
      });
      no("ssm:GetParameter", `arn:aws:ssm:eu-west-2:${ACCOUNT}:parameter/prod/database/password`);
      no("ssm:PutParameter", `arn:aws:ssm:eu-west-2:${ACCOUNT}:parameter/dc-image-builder/base`);
      no("kms:CreateKey", "*", { "kms:KeySpec": "RSA_4096", "kms:KeyUsage": "SIGN_VERIFY" });
      no("kms:Decrypt", `arn:aws:kms:eu-west-2:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`);
    });

    it("cannot touch another account's resources or another bucket", () => {
      no("imagebuilder:DeleteComponent", "arn:aws:imagebuilder:eu-west-2:999999999999:component/x/1.0.0/1");
      no("sns:DeleteTopic", "arn:aws:sns:eu-west-2:999999999999:dc-image-builder-dev-builds");
      no("s3:GetObject", "arn:aws:s3:::some-other-bucket/state.json");
      no("s3:DeleteBucket", `arn:aws:s3:::dc-image-builder-pulumi-state-${ACCOUNT}`);
    });

    it("cannot start builds or touch EC2 instances", () => {
      no(
        "imagebuilder:StartImagePipelineExecution",
        `arn:aws:imagebuilder:eu-west-2:${ACCOUNT}:image-pipeline/x`,
      );
      no("ec2:RunInstances", "*");
    });
  });
});

/**
 * The scheduled update-base-amis job (.circleci/config.yml) runs with the dev preview role and reads
 * Canonical's public AMI parameters, which a deploy never needs.
 */
const PREVIEW_ONLY = new Set(["ReadCanonicalUbuntuAmiParameters"]);

describe("preview policy (iam/preview-policy.json)", () => {
  it("lets the scheduled base-AMI update read Canonical's Ubuntu parameters and nothing more", () => {
    const extra = PREVIEW_POLICY.Statement.filter((s) => PREVIEW_ONLY.has(s.Sid ?? ""));
    assert.deepEqual(
      extra.map((s) => [list(s.Action), list(s.Resource), s.Condition]),
      [
        [
          ["ssm:GetParameters"],
          ["arn:aws:ssm:*::parameter/aws/service/canonical/ubuntu/server/*"],
          undefined,
        ],
      ],
    );
  });

  it("is read-only apart from the state backend's lock files", () => {
    for (const s of PREVIEW_POLICY.Statement) {
      assert.equal(s.Effect, "Allow");
      for (const a of list(s.Action)) {
        const readOnly = /^[a-z0-9-]+:(Get|List|Describe)[A-Za-z]*$/.test(a);
        const lockWrite =
          /^s3:(PutObject|DeleteObject)$/.test(a) &&
          list(s.Resource).every((r) => r.includes("/.pulumi/locks/"));
        assert.ok(readOnly || lockWrite, `${s.Sid}: ${a} is not a read`);
      }
    }
  });

  it("allows nothing the deployer may not do, but for reading Canonical's AMI parameters", () => {
    const ctx = stackContext("dev");
    const base = { "aws:PrincipalAccount": ctx.account };
    for (const s of PREVIEW_POLICY.Statement) {
      if (PREVIEW_ONLY.has(s.Sid ?? "")) continue;
      for (const a of list(s.Action)) {
        for (const r of list(s.Resource)) {
          const resource = r.replace(/\$\{aws:PrincipalAccount\}/g, ctx.account).replace(/\*/g, "x");
          assert.ok(
            policyAllows(POLICY, { action: a, resource: r === "*" ? "*" : resource, context: base }),
            `${s.Sid}: preview may ${a} on ${r} but the deployer may not`,
          );
        }
      }
    }
  });
});
