import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SharePrincipals } from "../config/stackConfig";
import { amiKeyPolicy } from "./keyPolicies";
import { NAMESPACE, Tags } from "./tokens";

export interface AmiEncryptionKeyArgs {
  readonly accountId: string;
  readonly namePrefix: string;
  readonly homeRegion: string;
  /** Other regions the AMIs are copied to: each needs the key there too. */
  readonly replicaRegions: readonly string[];
  readonly sharing: SharePrincipals;
  readonly tags?: Tags;
}

/**
 * A multi-Region customer-managed key for AMI snapshots, replicated to every distribution region,
 * whose policy lets the sharing principals launch from the AMIs.
 */
export class AmiEncryptionKey extends pulumi.ComponentResource {
  public static readonly TYPE = `${NAMESPACE}:AmiEncryptionKey`;

  /** Key ARN per region, home region included. */
  public readonly keyArns: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: AmiEncryptionKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    super(AmiEncryptionKey.TYPE, name, {}, opts);
    const policy = JSON.stringify(amiKeyPolicy(args.accountId, args.sharing));
    const description = `${args.namePrefix}: encrypts base AMI snapshots shared with other accounts`;
    const primary = new aws.kms.Key(
      name,
      { description, enableKeyRotation: true, multiRegion: true, policy, tags: args.tags },
      { parent: this },
    );
    new aws.kms.Alias(
      `${name}-alias`,
      { name: `alias/${args.namePrefix}-ami`, targetKeyId: primary.keyId },
      { parent: this },
    );
    const arns: Record<string, pulumi.Output<string>> = { [args.homeRegion]: primary.arn };
    for (const region of args.replicaRegions) {
      const replica = new aws.kms.ReplicaKey(
        `${name}-${region}`,
        { region, primaryKeyArn: primary.arn, description, policy, tags: args.tags },
        { parent: this },
      );
      arns[region] = replica.arn;
    }
    this.keyArns = pulumi.output(arns);
    this.registerOutputs({ keyArns: this.keyArns });
  }
}
