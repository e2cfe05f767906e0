import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ComponentSpec } from "../model/project";
import { NAMESPACE, Tags } from "./tokens";

export interface VersionedComponentArgs {
  readonly spec: ComponentSpec;
  readonly tags?: Tags;
}

/**
 * An Image Builder component whose version comes from its document. A version bump replaces the
 * AWS resource (create first, then drop from the stack); the old version is retained in AWS because
 * recipes in other accounts may still pin it.
 */
export class VersionedComponent extends pulumi.ComponentResource {
  public static readonly TYPE = `${NAMESPACE}:VersionedComponent`;

  public readonly arn: pulumi.Output<string>;
  public readonly componentName: pulumi.Output<string>;
  public readonly version: pulumi.Output<string>;
  public readonly ubuntuVersion: pulumi.Output<string>;

  constructor(name: string, args: VersionedComponentArgs, opts?: pulumi.ComponentResourceOptions) {
    super(VersionedComponent.TYPE, name, {}, opts);
    const { spec } = args;
    const component = new aws.imagebuilder.Component(
      name,
      {
        name: spec.name,
        version: spec.version,
        platform: "Linux",
        // Image Builder prefix-matches this against the parent image's OS name, whose exact form
        // ("Ubuntu 24" or "Ubuntu 24.04") it does not document: "Ubuntu" matches either.
        supportedOsVersions: ["Ubuntu"],
        description: spec.description,
        data: spec.data,
        // Replacement-only input: it must change with the version and nothing else.
        changeDescription: `component_version ${spec.version}`,
        tags: { ...args.tags, ubuntu_version: spec.ubuntuVersion, source_file: spec.file },
      },
      { parent: this, retainOnDelete: true },
    );
    this.arn = component.arn;
    this.componentName = component.name;
    this.version = component.version;
    this.ubuntuVersion = pulumi.output(spec.ubuntuVersion);
    // Only the ARN is recorded in the state: name, version and Ubuntu version restate the inputs,
    // and each registered Output costs a serialization per component (with 1,000 components, ~0.5 s
    // of an offline plan). The class's properties stay as they are.
    this.registerOutputs({ arn: this.arn });
  }
}
