import * as pulumi from "@pulumi/pulumi";
import { StackConfig } from "./config/stackConfig";
import { stackPrefix } from "./imagebuilder/naming";
import { ProjectSpec } from "./model/project";
import { CONTRACT_VERSION, ComponentOutput, StackOutputValues } from "./outputs/stackOutputs";
import { AmiEncryptionKey } from "./resources/amiEncryptionKey";
import { AmiLifecycle } from "./resources/amiLifecycle";
import { BaseImage } from "./resources/baseImage";
import { BuildInfrastructure } from "./resources/buildInfrastructure";
import { ComponentShare } from "./resources/componentShare";
import { VersionedComponent } from "./resources/versionedComponent";

/**
 * Declares every resource of one stack from an already-validated project and stack config.
 * No file, environment or config access here: index.ts does that and validates first.
 */
export function createStack(project: ProjectSpec, config: StackConfig): StackOutputValues {
  const prefix = stackPrefix(config.stack);
  const tags = { "managed-by": "dc-image-builder", "dc-image-builder:stack": config.stack };

  const components = project.components.map(
    (spec) => [spec, new VersionedComponent(spec.name, { spec, tags })] as const,
  );
  const componentArns = Object.fromEntries(components.map(([spec, c]) => [spec.name, c.arn]));

  const infrastructure = new BuildInfrastructure("build", {
    accountId: config.accountId,
    namePrefix: prefix,
    instanceTypes: config.buildInstanceTypes,
    subnetId: config.subnetId,
    securityGroupIds: config.securityGroupIds,
    tags,
  });

  const replicaRegions = [...new Set(config.distributionRegions)].filter((r) => r !== config.region);
  const amiKey = new AmiEncryptionKey("ami-key", {
    accountId: config.accountId,
    namePrefix: prefix,
    homeRegion: config.region,
    replicaRegions,
    sharing: config.sharing,
    tags,
  });

  const images = project.images.map(
    (image) =>
      [
        image,
        new BaseImage(image.name, {
          image,
          componentArns,
          infrastructureConfigurationArn: infrastructure.infrastructureConfigurationArn,
          regions: [config.region, ...replicaRegions],
          amiKeyArns: amiKey.keyArns,
          launchPermission: config.sharing,
          ssmParameterName: `${config.ssmParameterPrefix}/ubuntu-${image.ubuntuVersion}`,
          scheduleExpression: config.pipelineSchedule === "none" ? undefined : config.pipelineSchedule,
          imageTestsEnabled: config.imageTestsEnabled,
          imageScanningEnabled: config.imageScanningEnabled,
          tags,
        }),
      ] as const,
  );

  new AmiLifecycle("ami-lifecycle", {
    namePrefix: prefix,
    recipeNames: project.images.map((image) => image.name),
    deprecateAfterDays: config.amiDeprecateAfterDays,
    keepNewest: config.amiKeepNewest,
    tags,
  });

  const share =
    config.sharePrincipals.length === 0
      ? undefined
      : new ComponentShare("components", {
          shareName: `${prefix}-components`,
          componentArns,
          principals: config.sharePrincipals,
          allowExternalPrincipals: config.allowExternalPrincipals,
          tags,
        });

  const byUbuntu = <T>(f: (image: BaseImage) => pulumi.Output<T>) =>
    pulumi.output(Object.fromEntries(images.map(([spec, image]) => [spec.ubuntuVersion, f(image)])));

  return {
    contractVersion: pulumi.output(CONTRACT_VERSION),
    region: pulumi.output(config.region),
    accountId: pulumi.output(config.accountId),
    components: pulumi.output(
      Object.fromEntries(
        components.map(([spec, c]) => [
          spec.name,
          pulumi.all([c.arn, c.componentName, c.version]).apply(([arn, name, version]): ComponentOutput => ({
            arn,
            name,
            version,
            ubuntuVersion: spec.ubuntuVersion,
            settingsName: spec.settingsName,
            inBaseRecipe: spec.inBaseRecipe,
          })),
        ]),
      ),
    ),
    recipes: byUbuntu((i) =>
      pulumi
        .all([i.recipeArn, i.recipeName, i.recipeVersion])
        .apply(([arn, name, version]) => ({ arn, name, version })),
    ),
    pipelines: byUbuntu((i) =>
      pulumi
        .all([i.pipelineArn, i.pipelineName, i.recipeVersion])
        .apply(([arn, name, version]) => ({ arn, name, version })),
    ),
    baseAmiSsmParameters: byUbuntu((i) => i.ssmParameterName),
    resourceShareArn: share ? share.resourceShareArn : pulumi.output(null),
    buildNotificationsTopicArn: infrastructure.notificationTopicArn,
  };
}
