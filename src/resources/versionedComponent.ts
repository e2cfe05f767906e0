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

  /** Includes the build number AWS assigns, e.g. `.../update-os-ubuntu-24-04/1.0.2/1`. */
  public readonly arn: pulumi.Output<string>;
  // Known from the validated document and passed to AWS as is: plain values, so the program does not
  // pay for an Output per component (at 1,000 components, ~0.5 s of an offline plan).
  public readonly componentName: string;
  public readonly version: string;
  public readonly ubuntuVersion: string;

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
    this.componentName = spec.name;
    this.version = spec.version;
    this.ubuntuVersion = spec.ubuntuVersion;
    this.registerOutputs({
      arn: this.arn,
      componentName: this.componentName,
      version: this.version,
      ubuntuVersion: this.ubuntuVersion,
    });
  }
}
