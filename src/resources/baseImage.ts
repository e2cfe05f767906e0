import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SharePrincipals } from "../config/stackConfig";
import { ImageSpec } from "../model/project";
import { NAMESPACE, Tags } from "./tokens";

export interface BaseImageArgs {
  readonly image: ImageSpec;
  /** ARN of each of our components, by Image Builder component name. */
  readonly componentArns: Readonly<Record<string, pulumi.Input<string>>>;
  readonly infrastructureConfigurationArn: pulumi.Input<string>;
  /** Distribution regions, home region first, with the AMI key ARN in each. */
  readonly regions: readonly string[];
  readonly amiKeyArns: pulumi.Input<Record<string, string>>;
  readonly launchPermission: SharePrincipals;
  readonly ssmParameterName: string;
  /** `cron(...)`/`rate(...)`, or undefined for a pipeline that only runs when started. */
  readonly scheduleExpression: string | undefined;
  readonly imageTestsEnabled: boolean;
  readonly imageScanningEnabled: boolean;
  readonly tags?: Tags;
}

/** Where Image Builder puts the build date in an AMI name. */
export const BUILD_DATE = "{{ imagebuilder:buildDate }}";

/**
 * The base image of one Ubuntu version: its recipe (retained on delete, like components), its
 * distribution (encrypted, shared, published to SSM) and its pipeline.
 */
export class BaseImage extends pulumi.ComponentResource {
  public static readonly TYPE = `${NAMESPACE}:BaseImage`;

  public readonly recipeArn: pulumi.Output<string>;
  public readonly recipeName: pulumi.Output<string>;
  public readonly recipeVersion: pulumi.Output<string>;
  public readonly pipelineArn: pulumi.Output<string>;
  public readonly pipelineName: pulumi.Output<string>;
  public readonly distributionConfigurationArn: pulumi.Output<string>;
  public readonly ssmParameterName: pulumi.Output<string>;

  constructor(name: string, args: BaseImageArgs, opts?: pulumi.ComponentResourceOptions) {
    super(BaseImage.TYPE, name, {}, opts);
    const { image } = args;
    const homeRegion = args.regions[0];
    const imageTags = { ubuntu_version: image.ubuntuVersion, recipe_version: image.recipeVersion };

    const recipe = new aws.imagebuilder.ImageRecipe(
      `${name}-recipe`,
      {
        name: image.name,
        version: image.recipeVersion,
        description: `Base Ubuntu ${image.ubuntuVersion} image`,
        parentImage: image.parentImage,
        components: image.steps.map((step) => ({
          componentArn: step.kind === "managed" ? step.arn : args.componentArns[step.component],
        })),
        blockDeviceMappings: [
          {
            deviceName: "/dev/sda1",
            ebs: {
              volumeType: "gp3",
              volumeSize: image.rootVolumeSizeGiB,
              encrypted: "true",
              kmsKeyId: pulumi.output(args.amiKeyArns).apply((arns) => arns[homeRegion]),
              deleteOnTermination: "true",
            },
          },
        ],
        tags: { ...args.tags, ...imageTags },
      },
      // Accounts that build on this recipe version keep it after a bump.
      { parent: this, retainOnDelete: true },
    );

    const { organizationArns, organizationalUnitArns, accountIds } = args.launchPermission;
    const shared = organizationArns.length + organizationalUnitArns.length + accountIds.length > 0;
    const distribution = new aws.imagebuilder.DistributionConfiguration(
      `${name}-distribution`,
      {
        name: image.name,
        description: `Base Ubuntu ${image.ubuntuVersion} AMIs: encrypted, shared and published to ${args.ssmParameterName}`,
        distributions: args.regions.map((region) => ({
          region,
          amiDistributionConfiguration: {
            name: `${image.name}-${BUILD_DATE}`,
            description: `Base Ubuntu ${image.ubuntuVersion}, recipe ${image.recipeVersion}`,
            kmsKeyId: pulumi.output(args.amiKeyArns).apply((arns) => arns[region]),
            amiTags: { ...args.tags, ...imageTags },
            launchPermission: shared
              ? {
                  organizationArns: organizationArns.length > 0 ? organizationArns : undefined,
                  organizationalUnitArns:
                    organizationalUnitArns.length > 0 ? organizationalUnitArns : undefined,
                  userIds: accountIds.length > 0 ? accountIds : undefined,
                }
              : undefined,
          },
          ssmParameterConfigurations: [{ parameterName: args.ssmParameterName, dataType: "aws:ec2:image" }],
        })),
        tags: args.tags,
      },
      { parent: this },
    );

    const pipeline = new aws.imagebuilder.ImagePipeline(
      `${name}-pipeline`,
      {
        name: image.name,
        description: `Builds the base Ubuntu ${image.ubuntuVersion} AMI`,
        imageRecipeArn: recipe.arn,
        infrastructureConfigurationArn: args.infrastructureConfigurationArn,
        distributionConfigurationArn: distribution.arn,
        enhancedImageMetadataEnabled: true,
        imageTestsConfiguration: { imageTestsEnabled: args.imageTestsEnabled, timeoutMinutes: 720 },
        imageScanningConfiguration: { imageScanningEnabled: args.imageScanningEnabled },
        // Runs on schedule only when the parent image or a component version filter has moved.
        schedule:
          args.scheduleExpression === undefined
            ? undefined
            : {
                scheduleExpression: args.scheduleExpression,
                pipelineExecutionStartCondition: "EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE",
              },
        status: "ENABLED",
        tags: { ...args.tags, ...imageTags },
      },
      { parent: this },
    );

    this.recipeArn = recipe.arn;
    this.recipeName = recipe.name;
    this.recipeVersion = recipe.version;
    this.pipelineArn = pipeline.arn;
    this.pipelineName = pipeline.name;
    this.distributionConfigurationArn = distribution.arn;
    this.ssmParameterName = pulumi.output(args.ssmParameterName);
    this.registerOutputs({
      recipeArn: this.recipeArn,
      recipeName: this.recipeName,
      recipeVersion: this.recipeVersion,
      pipelineArn: this.pipelineArn,
      pipelineName: this.pipelineName,
      distributionConfigurationArn: this.distributionConfigurationArn,
      ssmParameterName: this.ssmParameterName,
    });
  }
}
