/**
 * What the deploy role must be allowed to do for each resource the program registers: the IAM actions
 * the AWS provider calls to create, read (refresh/diff), update and delete it, plus the dependent
 * actions AWS checks on the caller (iam:PassRole, reading referenced components, the service-linked
 * role), each on the ARN it is evaluated against and with the condition keys AWS puts in the request.
 *
 * Sources: the AWS Service Authorization Reference (actions, resource types, condition keys and
 * dependent actions of imagebuilder, iam, kms, sns, ssm, ram) and the calls the Terraform AWS provider,
 * which @pulumi/aws bridges, makes for each resource. An `aws:` type that is not listed here throws:
 * a new resource type in the program needs its permissions thought through before it can deploy.
 */
import type { RequestContext } from "./policy";

export interface RegisteredResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  parent?: string;
}

export interface StackContext {
  stack: string;
  region: string;
  account: string;
}

export interface Need {
  action: string;
  resource: string;
  context: RequestContext;
  /** The resource (type and logical name) the need comes from, for failure messages. */
  from: string;
}

/** AWS managed policies the program attaches to its roles; the deployer may attach these and no others. */
export const MANAGED_POLICIES = [
  "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
  "arn:aws:iam::aws:policy/EC2InstanceProfileForImageBuilder",
  "arn:aws:iam::aws:policy/service-role/EC2ImageBuilderLifecycleExecutionPolicy",
];

export const IMAGEBUILDER_SLR =
  "role/aws-service-role/imagebuilder.amazonaws.com/AWSServiceRoleForImageBuilder";

const TYPES_WITHOUT_AWS_CALLS = /^(dc-image-builder:|pulumi:)/;

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

/** Image Builder writes names into ARNs lower-cased, with `_` and spaces as `-`. */
function arnName(name: string): string {
  return name.toLowerCase().replace(/[_ ]/g, "-");
}

function nameOf(r: RegisteredResource): string {
  return str(r.inputs.name) ?? r.name;
}

/** A role given as a name or an ARN, as `RolePolicyAttachment.role` and `InstanceProfile.role` allow. */
function roleName(v: unknown): string | undefined {
  const s = str(v);
  if (!s) return undefined;
  const m = /^arn:aws:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(s);
  return m ? m[1] : s;
}

export class Arns {
  constructor(private readonly ctx: StackContext) {}
  private ib(kind: string, rest: string, account = this.ctx.account) {
    return `arn:aws:imagebuilder:${this.ctx.region}:${account}:${kind}/${rest}`;
  }
  component(name: string, version: string) {
    return this.ib("component", `${arnName(name)}/${version}/1`);
  }
  imageRecipe(name: string, version: string) {
    return this.ib("image-recipe", `${arnName(name)}/${version}`);
  }
  infrastructureConfiguration(name: string) {
    return this.ib("infrastructure-configuration", arnName(name));
  }
  distributionConfiguration(name: string) {
    return this.ib("distribution-configuration", arnName(name));
  }
  imagePipeline(name: string) {
    return this.ib("image-pipeline", arnName(name));
  }
  lifecyclePolicy(name: string) {
    return this.ib("lifecycle-policy", arnName(name));
  }
  role(name: string, path = "/") {
    return `arn:aws:iam::${this.ctx.account}:role${path}${name}`;
  }
  instanceProfile(name: string, path = "/") {
    return `arn:aws:iam::${this.ctx.account}:instance-profile${path}${name}`;
  }
  serviceLinkedRole() {
    return `arn:aws:iam::${this.ctx.account}:${IMAGEBUILDER_SLR}`;
  }
  /** Key ids are random, so a representative one stands for the key the program creates. */
  key(id = "11111111-2222-3333-4444-555555555555") {
    return `arn:aws:kms:${this.ctx.region}:${this.ctx.account}:key/${id}`;
  }
  alias(name: string) {
    return `arn:aws:kms:${this.ctx.region}:${this.ctx.account}:${name}`;
  }
  topic(name: string) {
    return `arn:aws:sns:${this.ctx.region}:${this.ctx.account}:${name}`;
  }
  resourceShare(id = "00000000-0000-0000-0000-000000000000") {
    return `arn:aws:ram:${this.ctx.region}:${this.ctx.account}:resource-share/${id}`;
  }
  /** Public parameters (`/aws/service/...`) have no account in their ARN. */
  parameter(name: string) {
    const n = name.replace(/^\//, "");
    const account = n.startsWith("aws/service/") ? "" : this.ctx.account;
    return `arn:aws:ssm:${this.ctx.region}:${account}:parameter/${n}`;
  }
}

/**
 * A recipe's parent may be an AMI id, an Image Builder image ARN or `ssm:<parameter>` (the settings
 * schema allows all three). Changing the form is a settings edit, not a policy review, so a recipe
 * always needs to read parameters of the project's own namespace and the public AWS one; the
 * concrete parent adds its own need.
 */
function parentImageNeeds(parent: string | undefined, arns: Arns): Array<[string, string, RequestContext?]> {
  const needs: Array<[string, string, RequestContext?]> = [
    ["ssm:GetParameter", arns.parameter("/dc-image-builder/representative/parent")],
    [
      "ssm:GetParameter",
      arns.parameter("/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id"),
    ],
  ];
  if (!parent) return needs;
  if (/^ami-/.test(parent)) needs.push(["ec2:DescribeImages", "*"]);
  else if (parent.startsWith("ssm:")) {
    const p = parent.slice(4);
    needs.push(["ssm:GetParameter", p.startsWith("arn:") ? p : arns.parameter(p)]);
  } else if (parent.startsWith("arn:aws:imagebuilder:")) needs.push(["imagebuilder:GetImage", parent]);
  return needs;
}

const IB_TAGS = [
  "imagebuilder:TagResource",
  "imagebuilder:UntagResource",
  "imagebuilder:ListTagsForResource",
];

export function requiredActions(
  r: RegisteredResource,
  ctx: StackContext,
  all: RegisteredResource[] = [r],
): Need[] {
  if (TYPES_WITHOUT_AWS_CALLS.test(r.type)) return [];
  const arns = new Arns(ctx);
  const base: RequestContext = { "aws:PrincipalAccount": ctx.account, "aws:RequestedRegion": ctx.region };
  const out: Need[] = [];
  const from = `${r.type} ${r.name}`;
  const need = (actions: string[], resource: string, context: RequestContext = {}) => {
    for (const action of actions) out.push({ action, resource, context: { ...base, ...context }, from });
  };
  const i = r.inputs;
  const name = nameOf(r);

  switch (r.type) {
    case "aws:imagebuilder/component:Component": {
      const arn = arns.component(name, str(i.version) ?? "1.0.0");
      need(
        [
          "imagebuilder:CreateComponent",
          "imagebuilder:GetComponent",
          "imagebuilder:DeleteComponent",
          ...IB_TAGS,
        ],
        arn,
      );
      break;
    }
    case "aws:imagebuilder/imageRecipe:ImageRecipe": {
      const arn = arns.imageRecipe(name, str(i.version) ?? "1.0.0");
      need(
        [
          "imagebuilder:CreateImageRecipe",
          "imagebuilder:GetImageRecipe",
          "imagebuilder:DeleteImageRecipe",
          ...IB_TAGS,
        ],
        arn,
      );
      for (const c of Array.isArray(i.components) ? i.components : []) {
        const componentArn = str((c as Record<string, unknown>)?.componentArn);
        // Under mocks an own component's ARN may not resolve; stand in a representative own one.
        need(
          ["imagebuilder:GetComponent"],
          componentArn?.startsWith("arn:aws:imagebuilder:")
            ? componentArn
            : arns.component("own-component", "1.0.0"),
        );
      }
      for (const [action, resource] of parentImageNeeds(str(i.parentImage), arns)) need([action], resource);
      break;
    }
    case "aws:imagebuilder/infrastructureConfiguration:InfrastructureConfiguration": {
      need(
        [
          "imagebuilder:CreateInfrastructureConfiguration",
          "imagebuilder:GetInfrastructureConfiguration",
          "imagebuilder:UpdateInfrastructureConfiguration",
          "imagebuilder:DeleteInfrastructureConfiguration",
          ...IB_TAGS,
        ],
        arns.infrastructureConfiguration(name),
      );
      // Image Builder checks that the caller may pass the instance profile's role.
      const profileName = str(i.instanceProfileName);
      const profile = all.find(
        (p) =>
          p.type === "aws:iam/instanceProfile:InstanceProfile" &&
          (nameOf(p) === profileName || p.name === profileName),
      );
      const role = roleName(profile?.inputs.role) ?? profileName;
      if (role)
        need(["iam:PassRole"], arns.role(role), { "iam:PassedToService": "imagebuilder.amazonaws.com" });
      if (profileName) need(["iam:GetInstanceProfile"], arns.instanceProfile(profileName));
      break;
    }
    case "aws:imagebuilder/distributionConfiguration:DistributionConfiguration":
      need(
        [
          "imagebuilder:CreateDistributionConfiguration",
          "imagebuilder:GetDistributionConfiguration",
          "imagebuilder:UpdateDistributionConfiguration",
          "imagebuilder:DeleteDistributionConfiguration",
          ...IB_TAGS,
        ],
        arns.distributionConfiguration(name),
      );
      break;
    case "aws:imagebuilder/imagePipeline:ImagePipeline":
      need(
        [
          "imagebuilder:CreateImagePipeline",
          "imagebuilder:GetImagePipeline",
          "imagebuilder:UpdateImagePipeline",
          "imagebuilder:DeleteImagePipeline",
          ...IB_TAGS,
        ],
        arns.imagePipeline(name),
      );
      // Creating or updating a pipeline reads the recipe and configurations it names.
      for (const [action, key] of [
        ["imagebuilder:GetImageRecipe", "imageRecipeArn"],
        ["imagebuilder:GetInfrastructureConfiguration", "infrastructureConfigurationArn"],
        ["imagebuilder:GetDistributionConfiguration", "distributionConfigurationArn"],
      ]) {
        const referenced = str(i[key]);
        if (referenced) need([action], referenced);
      }
      // The first pipeline in an account creates Image Builder's service-linked role.
      need(["iam:CreateServiceLinkedRole"], arns.serviceLinkedRole(), {
        "iam:AWSServiceName": "imagebuilder.amazonaws.com",
      });
      if (str(i.executionRole)) {
        need(["iam:PassRole"], arns.role(roleName(i.executionRole) ?? ""), {
          "iam:PassedToService": "imagebuilder.amazonaws.com",
        });
      }
      break;
    case "aws:imagebuilder/lifecyclePolicy:LifecyclePolicy": {
      need(
        [
          "imagebuilder:CreateLifecyclePolicy",
          "imagebuilder:GetLifecyclePolicy",
          "imagebuilder:UpdateLifecyclePolicy",
          "imagebuilder:DeleteLifecyclePolicy",
          ...IB_TAGS,
        ],
        arns.lifecyclePolicy(name),
      );
      const role = roleName(i.executionRole);
      if (role)
        need(["iam:PassRole"], arns.role(role), { "iam:PassedToService": "imagebuilder.amazonaws.com" });
      break;
    }
    case "aws:iam/role:Role": {
      const arn = arns.role(name, str(i.path) ?? "/");
      need(
        [
          "iam:CreateRole",
          "iam:GetRole",
          "iam:UpdateRole",
          "iam:UpdateAssumeRolePolicy",
          "iam:DeleteRole",
          "iam:TagRole",
          "iam:UntagRole",
          "iam:ListRoleTags",
          "iam:ListRolePolicies",
          "iam:GetRolePolicy",
          "iam:ListAttachedRolePolicies",
          "iam:ListInstanceProfilesForRole",
        ],
        arn,
      );
      // Inline policies would let the deployer grant the build role anything: they need PutRolePolicy,
      // which the deployer does not have, so using them fails this mapping's check on purpose.
      if (Array.isArray(i.inlinePolicies) && i.inlinePolicies.length > 0) {
        need(["iam:PutRolePolicy", "iam:DeleteRolePolicy"], arn);
      }
      for (const policyArn of Array.isArray(i.managedPolicyArns) ? i.managedPolicyArns : []) {
        need(["iam:AttachRolePolicy", "iam:DetachRolePolicy"], arn, { "iam:PolicyARN": String(policyArn) });
      }
      break;
    }
    case "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
      const arn = arns.role(roleName(i.role) ?? "");
      const policyArn = str(i.policyArn) ?? "";
      need(["iam:AttachRolePolicy", "iam:DetachRolePolicy"], arn, { "iam:PolicyARN": policyArn });
      need(["iam:ListAttachedRolePolicies"], arn);
      break;
    }
    case "aws:iam/instanceProfile:InstanceProfile": {
      const arn = arns.instanceProfile(name, str(i.path) ?? "/");
      need(
        [
          "iam:CreateInstanceProfile",
          "iam:GetInstanceProfile",
          "iam:DeleteInstanceProfile",
          "iam:AddRoleToInstanceProfile",
          "iam:RemoveRoleFromInstanceProfile",
          "iam:TagInstanceProfile",
          "iam:UntagInstanceProfile",
          "iam:ListInstanceProfileTags",
        ],
        arn,
      );
      // Adding a role to an instance profile is passing it to EC2.
      const role = roleName(i.role);
      if (role) need(["iam:PassRole"], arns.role(role), { "iam:PassedToService": "ec2.amazonaws.com" });
      break;
    }
    case "aws:kms/key:Key": {
      need(["kms:CreateKey"], "*", {
        "kms:KeySpec": str(i.customerMasterKeySpec) ?? "SYMMETRIC_DEFAULT",
        "kms:KeyUsage": str(i.keyUsage) ?? "ENCRYPT_DECRYPT",
      });
      const actions = [
        "kms:DescribeKey",
        "kms:GetKeyPolicy",
        "kms:PutKeyPolicy",
        "kms:GetKeyRotationStatus",
        "kms:ListResourceTags",
        "kms:TagResource",
        "kms:UntagResource",
        "kms:UpdateKeyDescription",
        "kms:ScheduleKeyDeletion",
      ];
      if (i.enableKeyRotation === true) actions.push("kms:EnableKeyRotation");
      need(actions, arns.key());
      break;
    }
    case "aws:kms/replicaKey:ReplicaKey": {
      // ReplicateKey is authorised on the primary key; the replica is created (CreateKey) in its region.
      const replicaRegion = str(i.region) ?? ctx.region;
      const primary = str(i.primaryKeyArn) ?? arns.key("mrk-11111111222233334444555555555555");
      need(["kms:ReplicateKey"], primary, { "kms:ReplicaRegion": replicaRegion });
      need(["kms:CreateKey"], "*", { "aws:RequestedRegion": replicaRegion });
      const replica = primary.replace(`:kms:${ctx.region}:`, `:kms:${replicaRegion}:`);
      need(
        [
          "kms:DescribeKey",
          "kms:GetKeyPolicy",
          "kms:PutKeyPolicy",
          "kms:ListResourceTags",
          "kms:TagResource",
          "kms:UntagResource",
          "kms:UpdateKeyDescription",
          "kms:ScheduleKeyDeletion",
        ],
        replica,
        { "aws:RequestedRegion": replicaRegion },
      );
      break;
    }
    case "aws:kms/alias:Alias": {
      const alias = str(i.name) ?? `alias/${r.name}`;
      // Alias operations are authorised on the alias and on the key it points to.
      need(["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"], arns.alias(alias));
      need(["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"], arns.key());
      need(["kms:ListAliases"], "*");
      break;
    }
    case "aws:sns/topic:Topic":
      need(
        [
          "sns:CreateTopic",
          "sns:GetTopicAttributes",
          "sns:SetTopicAttributes",
          "sns:DeleteTopic",
          "sns:TagResource",
          "sns:UntagResource",
          "sns:ListTagsForResource",
        ],
        arns.topic(name),
      );
      break;
    case "aws:ram/resourceShare:ResourceShare": {
      const external = i.allowExternalPrincipals === true;
      need(["ram:CreateResourceShare", "ram:UpdateResourceShare"], arns.resourceShare(), {
        "ram:RequestedAllowsExternalPrincipals": external,
      });
      need(
        [
          "ram:DeleteResourceShare",
          "ram:TagResource",
          "ram:UntagResource",
          "ram:ListResourceSharePermissions",
        ],
        arns.resourceShare(),
      );
      need(["ram:GetResourceShares"], "*");
      break;
    }
    case "aws:ram/resourceAssociation:ResourceAssociation":
    case "aws:ram/principalAssociation:PrincipalAssociation":
      need(["ram:AssociateResourceShare", "ram:DisassociateResourceShare"], arns.resourceShare());
      need(["ram:GetResourceShareAssociations"], "*");
      break;
    default:
      throw new Error(
        `no IAM mapping for resource type ${r.type} (${r.name}): add it to test/iam/requiredActions.ts ` +
          "and the permissions it needs to iam/deployer-policy.json",
      );
  }
  return out;
}

/** The Pulumi state backend (S3) is used by the CLI, not the program: the deployer's only s3 grants. */
export function stateBackendNeeds(ctx: StackContext): Need[] {
  const bucket = `dc-image-builder-pulumi-state-${ctx.account}`;
  const context = { "aws:PrincipalAccount": ctx.account };
  const from = "Pulumi S3 state backend";
  return [
    { action: "s3:ListBucket", resource: `arn:aws:s3:::${bucket}`, context, from },
    { action: "s3:GetBucketLocation", resource: `arn:aws:s3:::${bucket}`, context, from },
    ...["s3:GetObject", "s3:PutObject", "s3:DeleteObject"].map((action) => ({
      action,
      resource: `arn:aws:s3:::${bucket}/.pulumi/stacks/dc-image-builder/${ctx.stack}.json`,
      context,
      from,
    })),
  ];
}
