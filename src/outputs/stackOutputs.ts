import * as pulumi from "@pulumi/pulumi";

/**
 * The stack-output contract that application image repositories read through a StackReference.
 * Bump CONTRACT_VERSION on any breaking change to these shapes.
 */
export const CONTRACT_VERSION = 1;

export interface ComponentOutput {
  /** ARN including the build number, e.g. `arn:aws:imagebuilder:eu-west-2:111122223333:component/update-os-ubuntu-24-04/1.0.2/1`. */
  readonly arn: string;
  /** Image Builder component name, e.g. `update-os-ubuntu-24-04`. */
  readonly name: string;
  readonly version: string;
  readonly ubuntuVersion: string;
  /** The name in settings.json, e.g. `update-os`. */
  readonly settingsName: string;
  /** False for components that are only shared, not part of the base recipe. */
  readonly inBaseRecipe: boolean;
}

export interface RecipeOutput {
  readonly arn: string;
  readonly name: string;
  readonly version: string;
}

export interface PipelineOutput {
  readonly arn: string;
  readonly name: string;
  /** The recipe version the pipeline builds. */
  readonly version: string;
}

export interface StackOutputs {
  readonly contractVersion: number;
  readonly region: string;
  readonly accountId: string;
  /** By Image Builder component name. */
  readonly components: Readonly<Record<string, ComponentOutput>>;
  /** By Ubuntu version, e.g. `"24.04"`. */
  readonly recipes: Readonly<Record<string, RecipeOutput>>;
  readonly pipelines: Readonly<Record<string, PipelineOutput>>;
  /** SSM parameter holding the latest base AMI id, by Ubuntu version (in every distribution region). */
  readonly baseAmiSsmParameters: Readonly<Record<string, string>>;
  /** Null when the stack shares with nobody. */
  readonly resourceShareArn: string | null;
  readonly buildNotificationsTopicArn: string;
}

/** What the program returns: the same contract, as Outputs. */
export type StackOutputValues = { readonly [K in keyof StackOutputs]: pulumi.Output<StackOutputs[K]> };
