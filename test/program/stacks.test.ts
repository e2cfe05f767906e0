import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { ProgramRun, REPO_ROOT, RegisteredResource, runProgram } from "../support/programHarness";

const TAGS = (stack: string) => ({ "dc-image-builder:stack": stack, "managed-by": "dc-image-builder" });
const CW = "arn:aws:imagebuilder:eu-west-2:aws:component/amazon-cloudwatch-agent-linux/x.x.x";
const OU = "arn:aws:organizations::999988887777:ou/o-a1b2c3d4e5/ou-ab12-34cd56ef";
const ORG = "arn:aws:organizations::999988887777:organization/o-a1b2c3d4e5";
const UBUNTU = ["22.04", "24.04"] as const;
const RECIPE_ORDER = ["update-os", "common-packages", "python3", "output-on-error", "codedeploy-agent"];
const OWN = [...RECIPE_ORDER, "application-user"];
const slug = (v: string) => v.replace(".", "-");
const componentArn = (region: string, account: string, name: string, version = "1.0.0") =>
  `arn:aws:imagebuilder:${region}:${account}:component/${name}/${version}/1`;

const STACKS = {
  dev: { account: "111122223333", region: "eu-west-2" },
  prod: { account: "777788889999", region: "eu-west-2" },
} as const;

function find(run: ProgramRun, type: string, name: string): RegisteredResource {
  const matches = run.resources.filter((r) => r.type === type && r.name === name);
  assert.equal(matches.length, 1, `exactly one ${type} named ${name}, found ${matches.length}`);
  return matches[0];
}

function all(run: ProgramRun, type: string): RegisteredResource[] {
  return run.resources.filter((r) => r.type === type);
}

function parentName(r: RegisteredResource): string | undefined {
  return r.parent?.split("::").pop();
}

function policy(r: RegisteredResource, key = "policy"): { Statement: Record<string, unknown>[] } {
  return JSON.parse(r.inputs[key] as string) as { Statement: Record<string, unknown>[] };
}

describe("the program under mocks", function () {
  this.timeout(60_000);
  const runs: Partial<Record<keyof typeof STACKS, ProgramRun>> = {};
  before(async () => {
    runs.dev = await runProgram("dev");
    runs.prod = await runProgram("prod");
  });
  const run = (stack: keyof typeof STACKS) => runs[stack] as ProgramRun;

  for (const stack of ["dev", "prod"] as const) {
    const { account, region } = STACKS[stack];
    const prefix = `dc-image-builder-${stack}`;

    describe(`stack ${stack}`, () => {
      it("registers exactly the expected resources, each custom one under a component of this project", () => {
        const names = run(stack)
          .resources.map((r) => `${r.type} ${r.name}`)
          .sort();
        const expected = [
          ...UBUNTU.flatMap((v) =>
            OWN.flatMap((c) => [
              `dc-image-builder:imagebuilder:VersionedComponent ${c}-ubuntu-${slug(v)}`,
              `aws:imagebuilder/component:Component ${c}-ubuntu-${slug(v)}`,
              `aws:ram/resourceAssociation:ResourceAssociation components-${c}-ubuntu-${slug(v)}`,
            ]),
          ),
          ...UBUNTU.flatMap((v) => [
            `dc-image-builder:imagebuilder:BaseImage base-ubuntu-${slug(v)}`,
            `aws:imagebuilder/imageRecipe:ImageRecipe base-ubuntu-${slug(v)}-recipe`,
            `aws:imagebuilder/distributionConfiguration:DistributionConfiguration base-ubuntu-${slug(v)}-distribution`,
            `aws:imagebuilder/imagePipeline:ImagePipeline base-ubuntu-${slug(v)}-pipeline`,
          ]),
          "dc-image-builder:imagebuilder:BuildInfrastructure build",
          "aws:iam/role:Role build-instance-role",
          "aws:iam/rolePolicyAttachment:RolePolicyAttachment build-AmazonSSMManagedInstanceCore",
          "aws:iam/rolePolicyAttachment:RolePolicyAttachment build-EC2InstanceProfileForImageBuilder",
          "aws:iam/instanceProfile:InstanceProfile build-instance-profile",
          "aws:kms/key:Key build-notifications-key",
          "aws:kms/alias:Alias build-notifications-key-alias",
          "aws:sns/topic:Topic build-notifications",
          "aws:imagebuilder/infrastructureConfiguration:InfrastructureConfiguration build-configuration",
          "dc-image-builder:imagebuilder:AmiEncryptionKey ami-key",
          "aws:kms/key:Key ami-key",
          "aws:kms/alias:Alias ami-key-alias",
          ...(stack === "prod" ? ["aws:kms/replicaKey:ReplicaKey ami-key-eu-west-1"] : []),
          "dc-image-builder:imagebuilder:AmiLifecycle ami-lifecycle",
          "aws:iam/role:Role ami-lifecycle-role",
          "aws:iam/rolePolicyAttachment:RolePolicyAttachment ami-lifecycle-execution-policy",
          "aws:imagebuilder/lifecyclePolicy:LifecyclePolicy ami-lifecycle",
          "dc-image-builder:imagebuilder:ComponentShare components",
          "aws:ram/resourceShare:ResourceShare components",
          ...(stack === "dev"
            ? [
                "aws:ram/principalAssociation:PrincipalAssociation components-ou-ab12-34cd56ef",
                "aws:ram/principalAssociation:PrincipalAssociation components-444455556666",
              ]
            : ["aws:ram/principalAssociation:PrincipalAssociation components-o-a1b2c3d4e5"]),
        ].sort();
        assert.deepEqual(names, expected);
        for (const r of run(stack).resources) {
          if (!r.custom) {
            assert.equal(r.parent, undefined, `${r.name} is top level`);
            continue;
          }
          assert.match(
            r.parent ?? "",
            /::dc-image-builder:imagebuilder:[A-Za-z]+::/,
            `${r.type} ${r.name} has parent: this`,
          );
          assert.ok(
            r.name.startsWith(parentName(r) as string),
            `${r.name} is named after its parent ${parentName(r)}`,
          );
        }
      });

      for (const v of UBUNTU) {
        it(`creates each Ubuntu ${v} component with its document's version, data without component_version, retained on delete`, () => {
          for (const c of OWN) {
            const r = find(run(stack), "aws:imagebuilder/component:Component", `${c}-ubuntu-${slug(v)}`);
            const source = yaml.load(
              fs.readFileSync(path.join(REPO_ROOT, "components", v, `${c}.yml`), "utf8"),
              {
                schema: yaml.CORE_SCHEMA,
              },
            ) as Record<string, unknown>;
            const { component_version: version, ...document } = source;
            const { data, ...rest } = r.inputs;
            assert.deepEqual(rest, {
              name: `${c}-ubuntu-${slug(v)}`,
              version,
              platform: "Linux",
              supportedOsVersions: ["Ubuntu"],
              description: document.description,
              changeDescription: `component_version ${String(version)}`,
              tags: { ...TAGS(stack), ubuntu_version: v, source_file: `components/${v}/${c}.yml` },
            });
            assert.equal(version, "1.0.0");
            assert.ok(!(data as string).includes("component_version"));
            assert.deepEqual(yaml.load(data as string, { schema: yaml.CORE_SCHEMA }), document);
            assert.match(
              data as string,
              /^schemaVersion: 1\.0$/m,
              "uploaded as written, not as the number 1",
            );
            assert.equal(r.retainOnDelete, true);
            assert.equal(
              r.deleteBeforeReplace,
              false,
              "a new version is created before the old one leaves the stack",
            );
          }
        });

        it(`builds the Ubuntu ${v} recipe with the components in settings.json order, encrypted gp3 root, retained on delete`, () => {
          const recipe = find(
            run(stack),
            "aws:imagebuilder/imageRecipe:ImageRecipe",
            `base-ubuntu-${slug(v)}-recipe`,
          );
          assert.deepEqual(recipe.inputs, {
            name: `base-ubuntu-${slug(v)}`,
            version: "1.0.0",
            description: `Base Ubuntu ${v} image`,
            parentImage: v === "22.04" ? "ami-0a94a70b8a1454a4b" : "ami-0f9535ce5ed4a1e3d",
            components: [
              ...RECIPE_ORDER.map((c) => ({
                componentArn: componentArn(region, account, `${c}-ubuntu-${slug(v)}`),
              })),
              { componentArn: CW },
            ],
            blockDeviceMappings: [
              {
                deviceName: "/dev/sda1",
                ebs: {
                  volumeType: "gp3",
                  volumeSize: v === "24.04" ? 30 : 20,
                  encrypted: "true",
                  kmsKeyId: amiKeyArn(run(stack), region),
                  deleteOnTermination: "true",
                },
              },
            ],
            tags: { ...TAGS(stack), ubuntu_version: v, recipe_version: "1.0.0" },
          });
          assert.equal(recipe.retainOnDelete, true);
        });

        it(`distributes the Ubuntu ${v} AMI encrypted, shared with the stack's principals and published to SSM`, () => {
          const dist = find(
            run(stack),
            "aws:imagebuilder/distributionConfiguration:DistributionConfiguration",
            `base-ubuntu-${slug(v)}-distribution`,
          );
          const regions = stack === "prod" ? ["eu-west-2", "eu-west-1"] : ["eu-west-2"];
          const launchPermission =
            stack === "dev"
              ? { organizationalUnitArns: [OU], userIds: ["444455556666"] }
              : { organizationArns: [ORG] };
          assert.deepEqual(dist.inputs, {
            name: `base-ubuntu-${slug(v)}`,
            description: `Base Ubuntu ${v} AMIs: encrypted, shared and published to /dc-image-builder/base-ami/ubuntu-${v}`,
            distributions: regions.map((r) => ({
              region: r,
              amiDistributionConfiguration: {
                name: `base-ubuntu-${slug(v)}-{{ imagebuilder:buildDate }}`,
                description: `Base Ubuntu ${v}, recipe 1.0.0`,
                kmsKeyId: amiKeyArn(run(stack), r),
                amiTags: { ...TAGS(stack), ubuntu_version: v, recipe_version: "1.0.0" },
                launchPermission,
              },
              ssmParameterConfigurations: [
                { parameterName: `/dc-image-builder/base-ami/ubuntu-${v}`, dataType: "aws:ec2:image" },
              ],
            })),
            tags: TAGS(stack),
          });
        });

        it(`runs the Ubuntu ${v} pipeline with tests, the stack's schedule and scanning setting`, () => {
          const pipeline = find(
            run(stack),
            "aws:imagebuilder/imagePipeline:ImagePipeline",
            `base-ubuntu-${slug(v)}-pipeline`,
          );
          const ib = `arn:aws:imagebuilder:${region}:${account}`;
          assert.deepEqual(pipeline.inputs, {
            name: `base-ubuntu-${slug(v)}`,
            description: `Builds the base Ubuntu ${v} AMI`,
            imageRecipeArn: `${ib}:image-recipe/base-ubuntu-${slug(v)}/1.0.0`,
            infrastructureConfigurationArn: `${ib}:infrastructure-configuration/${prefix}`,
            distributionConfigurationArn: `${ib}:distribution-configuration/base-ubuntu-${slug(v)}`,
            enhancedImageMetadataEnabled: true,
            imageTestsConfiguration: { imageTestsEnabled: true, timeoutMinutes: 720 },
            imageScanningConfiguration: { imageScanningEnabled: stack === "prod" },
            ...(stack === "prod"
              ? {
                  schedule: {
                    scheduleExpression: "cron(0 4 * * ? *)",
                    pipelineExecutionStartCondition: "EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE",
                  },
                }
              : {}),
            status: "ENABLED",
            tags: { ...TAGS(stack), ubuntu_version: v, recipe_version: "1.0.0" },
          });
        });
      }

      it("gives the build instance exactly the two managed policies, IMDSv2 and terminate-on-failure", () => {
        const role = find(run(stack), "aws:iam/role:Role", "build-instance-role");
        assert.equal(role.inputs.name, `${prefix}-build-instance`);
        assert.deepEqual(JSON.parse(role.inputs.assumeRolePolicy as string), {
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
          ],
        });
        const attached = all(run(stack), "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
          .filter((a) => a.inputs.role === `${prefix}-build-instance`)
          .map((a) => a.inputs.policyArn)
          .sort();
        assert.deepEqual(attached, [
          "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
          "arn:aws:iam::aws:policy/EC2InstanceProfileForImageBuilder",
        ]);
        assert.deepEqual(
          find(run(stack), "aws:iam/instanceProfile:InstanceProfile", "build-instance-profile").inputs,
          {
            name: `${prefix}-build-instance`,
            role: `${prefix}-build-instance`,
            tags: TAGS(stack),
          },
        );
        const infra = find(
          run(stack),
          "aws:imagebuilder/infrastructureConfiguration:InfrastructureConfiguration",
          "build-configuration",
        );
        assert.deepEqual(infra.inputs, {
          name: prefix,
          description: "Build and test instances for the base images",
          instanceProfileName: `${prefix}-build-instance`,
          instanceTypes: stack === "dev" ? ["t3.large"] : ["m5.large", "m6i.large"],
          snsTopicArn: `arn:aws:sns:${region}:${account}:${prefix}-builds`,
          terminateInstanceOnFailure: true,
          instanceMetadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
          tags: TAGS(stack),
          resourceTags: TAGS(stack),
        });
      });

      it("encrypts the notification topic with a customer-managed key Image Builder's service-linked role may use", () => {
        const key = find(run(stack), "aws:kms/key:Key", "build-notifications-key");
        assert.deepEqual(policy(key).Statement, [
          {
            Sid: "AccountAdministersKey",
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${account}:root` },
            Action: "kms:*",
            Resource: "*",
          },
          {
            Sid: "ImageBuilderPublishesNotifications",
            Effect: "Allow",
            Principal: {
              AWS: `arn:aws:iam::${account}:role/aws-service-role/imagebuilder.amazonaws.com/AWSServiceRoleForImageBuilder`,
            },
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: "*",
          },
        ]);
        assert.equal(key.inputs.enableKeyRotation, true);
        const topic = find(run(stack), "aws:sns/topic:Topic", "build-notifications");
        assert.deepEqual(topic.inputs, {
          name: `${prefix}-builds`,
          kmsMasterKeyId: `arn:aws:kms:${region}:${account}:key/${keyId(run(stack), "build-notifications-key")}`,
          tags: TAGS(stack),
        });
      });

      it("lets the sharing principals launch from the AMI key, and Image Builder encrypt with it", () => {
        const key = find(run(stack), "aws:kms/key:Key", "ami-key");
        assert.equal(key.inputs.multiRegion, true);
        const statements = policy(key).Statement;
        const launch = [
          "kms:Decrypt",
          "kms:DescribeKey",
          "kms:GenerateDataKeyWithoutPlaintext",
          "kms:ReEncryptFrom",
          "kms:ReEncryptTo",
        ];
        const grant = { Bool: { "kms:GrantIsForAWSResource": true } };
        const shared =
          stack === "dev"
            ? [
                {
                  Sid: "SharedAccountsLaunch",
                  Effect: "Allow",
                  Principal: { AWS: ["arn:aws:iam::444455556666:root"] },
                  Action: launch,
                  Resource: "*",
                },
                {
                  Sid: "SharedAccountsGrantToEc2",
                  Effect: "Allow",
                  Principal: { AWS: ["arn:aws:iam::444455556666:root"] },
                  Action: "kms:CreateGrant",
                  Resource: "*",
                  Condition: grant,
                },
                {
                  Sid: "OrganizationalUnitsLaunch",
                  Effect: "Allow",
                  Principal: { AWS: "*" },
                  Action: launch,
                  Resource: "*",
                  Condition: {
                    "ForAnyValue:StringLike": {
                      "aws:PrincipalOrgPaths": ["o-a1b2c3d4e5/*/ou-ab12-34cd56ef/*"],
                    },
                  },
                },
                {
                  Sid: "OrganizationalUnitsGrantToEc2",
                  Effect: "Allow",
                  Principal: { AWS: "*" },
                  Action: "kms:CreateGrant",
                  Resource: "*",
                  Condition: {
                    "ForAnyValue:StringLike": {
                      "aws:PrincipalOrgPaths": ["o-a1b2c3d4e5/*/ou-ab12-34cd56ef/*"],
                    },
                    ...grant,
                  },
                },
              ]
            : [
                {
                  Sid: "OrganizationLaunch",
                  Effect: "Allow",
                  Principal: { AWS: "*" },
                  Action: launch,
                  Resource: "*",
                  Condition: { StringEquals: { "aws:PrincipalOrgID": ["o-a1b2c3d4e5"] } },
                },
                {
                  Sid: "OrganizationGrantToEc2",
                  Effect: "Allow",
                  Principal: { AWS: "*" },
                  Action: "kms:CreateGrant",
                  Resource: "*",
                  Condition: { StringEquals: { "aws:PrincipalOrgID": ["o-a1b2c3d4e5"] }, ...grant },
                },
              ];
        assert.deepEqual(statements, [
          {
            Sid: "AccountAdministersKey",
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${account}:root` },
            Action: "kms:*",
            Resource: "*",
          },
          {
            Sid: "ImageBuilderEncryptsImages",
            Effect: "Allow",
            Principal: {
              AWS: `arn:aws:iam::${account}:role/aws-service-role/imagebuilder.amazonaws.com/AWSServiceRoleForImageBuilder`,
            },
            Action: [
              "kms:Encrypt",
              "kms:Decrypt",
              "kms:ReEncrypt*",
              "kms:GenerateDataKey*",
              "kms:DescribeKey",
              "kms:CreateGrant",
            ],
            Resource: "*",
          },
          ...shared,
        ]);
        const replicas = all(run(stack), "aws:kms/replicaKey:ReplicaKey");
        assert.deepEqual(
          replicas.map((r) => [r.inputs.region, r.inputs.primaryKeyArn, r.inputs.policy]),
          stack === "prod" ? [["eu-west-1", amiKeyArn(run(stack), "eu-west-2"), key.inputs.policy]] : [],
        );
      });

      it("shares every component with every configured principal through one RAM share", () => {
        const share = find(run(stack), "aws:ram/resourceShare:ResourceShare", "components");
        assert.deepEqual(share.inputs, {
          name: `${prefix}-components`,
          allowExternalPrincipals: false,
          tags: TAGS(stack),
        });
        const shareArn = run(stack).outputs.resourceShareArn;
        const associations = all(run(stack), "aws:ram/resourceAssociation:ResourceAssociation");
        assert.deepEqual(
          associations.map((a) => a.inputs.resourceArn).sort(),
          UBUNTU.flatMap((v) =>
            OWN.map((c) => componentArn(region, account, `${c}-ubuntu-${slug(v)}`)),
          ).sort(),
        );
        for (const a of associations) {
          assert.equal(a.inputs.resourceShareArn, shareArn);
          assert.equal(a.retainOnDelete, true, "old versions stay shared for recipes that pin them");
        }
        assert.deepEqual(
          all(run(stack), "aws:ram/principalAssociation:PrincipalAssociation").map((p) => p.inputs),
          (stack === "dev" ? [OU, "444455556666"] : [ORG]).map((principal) => ({
            principal,
            resourceShareArn: shareArn,
          })),
        );
      });

      it("deprecates old AMIs and keeps the newest per recipe with the lifecycle role", () => {
        const lifecycle = find(
          run(stack),
          "aws:imagebuilder/lifecyclePolicy:LifecyclePolicy",
          "ami-lifecycle",
        );
        const [days, keep] = stack === "prod" ? [60, 5] : [90, 3];
        assert.deepEqual(lifecycle.inputs, {
          name: `${prefix}-base-amis`,
          description: `Deprecate base AMIs after ${days} days; keep the newest ${keep} per recipe`,
          executionRole: `arn:aws:iam::${account}:role/${prefix}-lifecycle`,
          resourceType: "AMI_IMAGE",
          status: "ENABLED",
          policyDetails: [
            {
              action: { type: "DEPRECATE" },
              filter: { type: "AGE", value: days, unit: "DAYS", retainAtLeast: keep },
            },
            {
              action: { type: "DELETE", includeResources: { amis: true, snapshots: true } },
              filter: { type: "COUNT", value: keep },
            },
          ],
          resourceSelection: {
            recipes: [
              { name: "base-ubuntu-22-04", semanticVersion: "x.x.x" },
              { name: "base-ubuntu-24-04", semanticVersion: "x.x.x" },
            ],
          },
          tags: TAGS(stack),
        });
        const role = find(run(stack), "aws:iam/role:Role", "ami-lifecycle-role");
        assert.deepEqual(JSON.parse(role.inputs.assumeRolePolicy as string).Statement, [
          { Effect: "Allow", Principal: { Service: "imagebuilder.amazonaws.com" }, Action: "sts:AssumeRole" },
        ]);
        assert.deepEqual(
          find(
            run(stack),
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            "ami-lifecycle-execution-policy",
          ).inputs,
          {
            role: `${prefix}-lifecycle`,
            policyArn: "arn:aws:iam::aws:policy/service-role/EC2ImageBuilderLifecycleExecutionPolicy",
          },
        );
      });

      it("exports the documented outputs contract", () => {
        const ib = `arn:aws:imagebuilder:${region}:${account}`;
        assert.deepEqual(run(stack).outputs, {
          contractVersion: 1,
          region,
          accountId: account,
          components: Object.fromEntries(
            UBUNTU.flatMap((v) =>
              OWN.map((c) => [
                `${c}-ubuntu-${slug(v)}`,
                {
                  arn: componentArn(region, account, `${c}-ubuntu-${slug(v)}`),
                  name: `${c}-ubuntu-${slug(v)}`,
                  version: "1.0.0",
                  ubuntuVersion: v,
                  settingsName: c,
                  inBaseRecipe: c !== "application-user",
                },
              ]),
            ),
          ),
          recipes: Object.fromEntries(
            UBUNTU.map((v) => [
              v,
              {
                arn: `${ib}:image-recipe/base-ubuntu-${slug(v)}/1.0.0`,
                name: `base-ubuntu-${slug(v)}`,
                version: "1.0.0",
              },
            ]),
          ),
          pipelines: Object.fromEntries(
            UBUNTU.map((v) => [
              v,
              {
                arn: `${ib}:image-pipeline/base-ubuntu-${slug(v)}`,
                name: `base-ubuntu-${slug(v)}`,
                version: "1.0.0",
              },
            ]),
          ),
          baseAmiSsmParameters: {
            "22.04": "/dc-image-builder/base-ami/ubuntu-22.04",
            "24.04": "/dc-image-builder/base-ami/ubuntu-24.04",
          },
          // The share's ARN is AWS-assigned: its shape is checked below, its use in the associations above.
          resourceShareArn: run(stack).outputs.resourceShareArn,
          buildNotificationsTopicArn: `arn:aws:sns:${region}:${account}:${prefix}-builds`,
        });
        assert.match(
          String(run(stack).outputs.resourceShareArn),
          new RegExp(`^arn:aws:ram:${region}:${account}:resource-share/[0-9a-f-]{36}$`),
        );
      });
    });
  }
});

function keyId(run: ProgramRun, name: string): string {
  const alias = run.resources.find((r) => r.type === "aws:kms/alias:Alias" && r.name === `${name}-alias`);
  return String(alias?.inputs.targetKeyId);
}

/** The AMI key's ARN in a region: the multi-Region primary's id, the same in every replica region. */
function amiKeyArn(run: ProgramRun, region: string): string {
  const account = String(run.outputs.accountId);
  return `arn:aws:kms:${region}:${account}:key/${keyId(run, "ami-key")}`;
}
