// dc-image-builder: the Pulumi program. Config and files are read and validated here, at the edge;
// everything below src/resources receives typed, validated arguments.
import * as pulumi from "@pulumi/pulumi";
import { loadStackInputs } from "./src/loader/loadStackInputs";
import { findProjectRoot } from "./src/loader/projectRoot";
import { createStack } from "./src/program";

const { project, config } = loadStackInputs(
  findProjectRoot(__dirname),
  pulumi.getStack(),
  pulumi.runtime.allConfig(),
);
const outputs = createStack(project, config);

// The stack-output contract (src/outputs/stackOutputs.ts, documented in the README).
export const contractVersion = outputs.contractVersion;
export const region = outputs.region;
export const accountId = outputs.accountId;
export const components = outputs.components;
export const recipes = outputs.recipes;
export const pipelines = outputs.pipelines;
export const baseAmiSsmParameters = outputs.baseAmiSsmParameters;
export const resourceShareArn = outputs.resourceShareArn;
export const buildNotificationsTopicArn = outputs.buildNotificationsTopicArn;
