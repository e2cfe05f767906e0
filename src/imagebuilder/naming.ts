/** Names Image Builder accepts for components, recipes, pipelines and configurations. */
export const IMAGE_BUILDER_NAME = /^[-_A-Za-z0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z0-9]$/;

export function nameProblem(name: string): string | undefined {
  return IMAGE_BUILDER_NAME.test(name)
    ? undefined
    : `"${name}" is not a valid Image Builder name (3-128 characters: letters, digits, "-", "_" and inner spaces)`;
}

/** "24.04" -> "ubuntu-24-04": dots are not allowed in Image Builder names. */
export function ubuntuSlug(ubuntuVersion: string): string {
  return `ubuntu-${ubuntuVersion.replace(/\./g, "-")}`;
}

/** The Image Builder name of one of our components: the same settings name exists per Ubuntu version. */
export function componentName(settingsName: string, ubuntuVersion: string): string {
  return `${settingsName}-${ubuntuSlug(ubuntuVersion)}`;
}

/** Recipe, distribution configuration and pipeline of the base image share one name. */
export function baseImageName(ubuntuVersion: string): string {
  return `base-${ubuntuSlug(ubuntuVersion)}`;
}

/** Prefix of every stack-scoped physical name (IAM, KMS aliases, SNS, RAM): one stack per account. */
export function stackPrefix(stack: string): string {
  return `dc-image-builder-${stack}`;
}

/** How Image Builder writes a name inside an ARN: lower case, `_` and spaces as `-`. */
export function arnName(name: string): string {
  return name.toLowerCase().replace(/[_ ]/g, "-");
}

/** `arn:aws:imagebuilder:<region>:<account>:<kind>/<path>`, e.g. kind `image-pipeline`, path its ARN name. */
export function imageBuilderArn(region: string, account: string, kind: string, path: string): string {
  return `arn:aws:imagebuilder:${region}:${account}:${kind}/${path}`;
}

export function componentArn(region: string, account: string, name: string, version: string): string {
  return imageBuilderArn(region, account, "component", `${arnName(name)}/${version}`);
}
