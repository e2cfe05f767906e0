import { StackConfig } from "../config/stackConfig";
import { arnName, baseImageName, imageBuilderArn } from "../imagebuilder/naming";

/**
 * The ARN of the base-image pipeline of one Ubuntu version, as the program names it (BaseImage names
 * recipe, distribution and pipeline `baseImageName(version)`): known from the stack's config alone,
 * without the Pulumi backend.
 */
export function basePipelineArn(
  config: Pick<StackConfig, "region" | "accountId">,
  ubuntuVersion: string,
): string {
  return imageBuilderArn(
    config.region,
    config.accountId,
    "image-pipeline",
    arnName(baseImageName(ubuntuVersion)),
  );
}

/** The pipeline ARN for a version out of `pulumi stack output pipelines --json`, when it is there. */
export function pipelineArnFromOutputs(pipelinesOutput: unknown, ubuntuVersion: string): string | undefined {
  if (typeof pipelinesOutput !== "object" || pipelinesOutput === null) return undefined;
  const entry = (pipelinesOutput as Record<string, unknown>)[ubuntuVersion];
  if (typeof entry !== "object" || entry === null) return undefined;
  const arn = (entry as Record<string, unknown>).arn;
  return typeof arn === "string" && arn.startsWith("arn:") ? arn : undefined;
}
