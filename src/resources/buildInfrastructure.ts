import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { notificationKeyPolicy } from "./keyPolicies";
import { NAMESPACE, Tags } from "./tokens";

export interface BuildInfrastructureArgs {
  readonly accountId: string;
  /** Physical-name prefix, e.g. `dc-image-builder-dev`. */
  readonly namePrefix: string;
  readonly instanceTypes: readonly string[];
  readonly subnetId?: string;
  readonly securityGroupIds?: readonly string[];
  readonly tags?: Tags;
}

/** Exactly these, and nothing broader: what AWSTOE on the build instance needs. */
export const BUILD_INSTANCE_POLICIES = [
  "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
  "arn:aws:iam::aws:policy/EC2InstanceProfileForImageBuilder",
] as const;

/** The build instance's identity, its notification topic and the infrastructure configuration. */
export class BuildInfrastructure extends pulumi.ComponentResource {
  public static readonly TYPE = `${NAMESPACE}:BuildInfrastructure`;

  public readonly infrastructureConfigurationArn: pulumi.Output<string>;
  public readonly instanceRoleArn: pulumi.Output<string>;
  public readonly instanceProfileName: pulumi.Output<string>;
  public readonly notificationTopicArn: pulumi.Output<string>;
  public readonly notificationKeyArn: pulumi.Output<string>;

  constructor(name: string, args: BuildInfrastructureArgs, opts?: pulumi.ComponentResourceOptions) {
    super(BuildInfrastructure.TYPE, name, {}, opts);
    const tags = { ...args.tags };
    const roleName = `${args.namePrefix}-build-instance`;

    const role = new aws.iam.Role(
      `${name}-instance-role`,
      {
        name: roleName,
        description: "EC2 Image Builder build and test instances",
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
          ],
        }),
        tags,
      },
      { parent: this },
    );
    const attachments = BUILD_INSTANCE_POLICIES.map(
      (policyArn) =>
        new aws.iam.RolePolicyAttachment(
          `${name}-${policyArn.split("/").pop()}`,
          { role: role.name, policyArn },
          { parent: this },
        ),
    );
    const profile = new aws.iam.InstanceProfile(
      `${name}-instance-profile`,
      { name: roleName, role: role.name, tags },
      // The profile is only usable once the role has its policies.
      { parent: this, dependsOn: attachments },
    );

    const key = new aws.kms.Key(
      `${name}-notifications-key`,
      {
        description: `${args.namePrefix}: encrypts Image Builder build notifications`,
        enableKeyRotation: true,
        policy: JSON.stringify(notificationKeyPolicy(args.accountId)),
        tags,
      },
      { parent: this },
    );
    new aws.kms.Alias(
      `${name}-notifications-key-alias`,
      { name: `alias/${args.namePrefix}-notifications`, targetKeyId: key.keyId },
      { parent: this },
    );
    const topic = new aws.sns.Topic(
      `${name}-notifications`,
      { name: `${args.namePrefix}-builds`, kmsMasterKeyId: key.arn, tags },
      { parent: this },
    );

    const infrastructure = new aws.imagebuilder.InfrastructureConfiguration(
      `${name}-configuration`,
      {
        name: args.namePrefix,
        description: "Build and test instances for the base images",
        instanceProfileName: profile.name,
        instanceTypes: [...args.instanceTypes],
        subnetId: args.subnetId,
        securityGroupIds: args.securityGroupIds ? [...args.securityGroupIds] : undefined,
        snsTopicArn: topic.arn,
        terminateInstanceOnFailure: true,
        instanceMetadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
        tags,
        resourceTags: tags,
      },
      { parent: this },
    );

    this.infrastructureConfigurationArn = infrastructure.arn;
    this.instanceRoleArn = role.arn;
    this.instanceProfileName = profile.name;
    this.notificationTopicArn = topic.arn;
    this.notificationKeyArn = key.arn;
    this.registerOutputs({
      infrastructureConfigurationArn: this.infrastructureConfigurationArn,
      instanceRoleArn: this.instanceRoleArn,
      instanceProfileName: this.instanceProfileName,
      notificationTopicArn: this.notificationTopicArn,
      notificationKeyArn: this.notificationKeyArn,
    });
  }
}
