// An application image repository's Pulumi program: builds on dc-image-builder's base image.
import * as pulumi from "@pulumi/pulumi";
import { createApplicationImage } from "./applicationImage";

const config = new pulumi.Config();
const image = createApplicationImage({
  baseStack: config.require("baseStack"),
  ubuntuVersion: config.get("ubuntuVersion") ?? "24.04",
  recipeVersion: config.get("recipeVersion") ?? "1.0.0",
});

export const recipeArn = image.recipeArn;
export const parentImage = image.parentImage;
export const sharedComponentArn = image.sharedComponentArn;
