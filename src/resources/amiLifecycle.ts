import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NAMESPACE, Tags } from "./tokens";

export interface AmiLifecycleArgs {
  readonly namePrefix: string;
  /** Recipes whose AMIs the policy manages (every version of each). */
  readonly recipeNames: readonly string[];
  /** Deprecate AMIs older than this. */
  readonly deprecateAfterDays: number;
  /** Newest AMIs kept per recipe: never deprecated, never deleted. */
  readonly keepNewest: number;
  readonly tags?: Tags;
}

export const LIFECYCLE_EXECUTION_POLICY =
  "arn:aws:iam::aws:policy/service-role/EC2ImageBuilderLifecycleExecutionPolicy";

/**
 * Deprecates old base AMIs and deletes all but the newest few per recipe, snapshots included.
 * The SSM parameter always names the newest AMI, and the newest `keepNewest` (at least 1) are kept
 * by both rules, so the published AMI is never touched.
 */
export class AmiLifecycle extends pulumi.ComponentResource {
  public static readonly TYPE = `${NAMESPACE}:AmiLifecycle`;

  public readonly policyArn: pulumi.Output<string>;

  constructor(name: string, args: AmiLifecycleArgs, opts?: pulumi.ComponentResourceOptions) {
    super(AmiLifecycle.TYPE, name, {}, opts);
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        name: `${args.namePrefix}-lifecycle`,
        description: "EC2 Image Builder lifecycle policy execution",
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Service: "imagebuilder.amazonaws.com" },
              Action: "sts:AssumeRole",
            },
          ],
        }),
        tags: args.tags,
      },
      { parent: this },
    );
    const attachment = new aws.iam.RolePolicyAttachment(
      `${name}-execution-policy`,
      { role: role.name, policyArn: LIFECYCLE_EXECUTION_POLICY },
      { parent: this },
    );
    const policy = new aws.imagebuilder.LifecyclePolicy(
      name,
      {
        name: `${args.namePrefix}-base-amis`,
        description: `Deprecate base AMIs after ${args.deprecateAfterDays} days; keep the newest ${args.keepNewest} per recipe`,
        executionRole: role.arn,
        resourceType: "AMI_IMAGE",
        status: "ENABLED",
        // Actions must be listed in the order Image Builder applies them: deprecate, then delete.
        policyDetails: [
          {
            action: { type: "DEPRECATE" },
            filter: {
              type: "AGE",
              value: args.deprecateAfterDays,
              unit: "DAYS",
              retainAtLeast: args.keepNewest,
            },
          },
          {
            action: { type: "DELETE", includeResources: { amis: true, snapshots: true } },
            filter: { type: "COUNT", value: args.keepNewest },
          },
        ],
        resourceSelection: {
          recipes: args.recipeNames.map((recipe) => ({ name: recipe, semanticVersion: "x.x.x" })),
        },
        tags: args.tags,
      },
      { parent: this, dependsOn: [attachment] },
    );
    this.policyArn = policy.arn;
    this.registerOutputs({ policyArn: this.policyArn });
  }
}
