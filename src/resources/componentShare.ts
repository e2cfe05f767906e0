import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NAMESPACE, Tags } from "./tokens";

export interface ComponentShareArgs {
  /** RAM share name. */
  readonly shareName: string;
  /** ARN of each shared component, by Image Builder component name. */
  readonly componentArns: Readonly<Record<string, pulumi.Input<string>>>;
  /** Organization ARNs, OU ARNs or 12-digit account ids. */
  readonly principals: readonly string[];
  readonly allowExternalPrincipals: boolean;
  readonly tags?: Tags;
}

/** A stable, readable child-name suffix for a principal: the account, org or OU id. */
export function principalSlug(principal: string): string {
  return principal.split("/").pop() as string;
}

/** One AWS RAM share with every component this project builds and every configured principal. */
export class ComponentShare extends pulumi.ComponentResource {
  public static readonly TYPE = `${NAMESPACE}:ComponentShare`;

  public readonly resourceShareArn: pulumi.Output<string>;

  constructor(name: string, args: ComponentShareArgs, opts?: pulumi.ComponentResourceOptions) {
    super(ComponentShare.TYPE, name, {}, opts);
    const share = new aws.ram.ResourceShare(
      name,
      { name: args.shareName, allowExternalPrincipals: args.allowExternalPrincipals, tags: args.tags },
      { parent: this },
    );
    for (const [component, arn] of Object.entries(args.componentArns)) {
      new aws.ram.ResourceAssociation(
        `${name}-${component}`,
        { resourceShareArn: share.arn, resourceArn: arn },
        // Each version is its own ARN: an old version stays shared for recipes that pin it.
        { parent: this, retainOnDelete: true },
      );
    }
    for (const principal of args.principals) {
      new aws.ram.PrincipalAssociation(
        `${name}-${principalSlug(principal)}`,
        { resourceShareArn: share.arn, principal },
        { parent: this },
      );
    }
    this.resourceShareArn = share.arn;
    this.registerOutputs({ resourceShareArn: this.resourceShareArn });
  }
}
