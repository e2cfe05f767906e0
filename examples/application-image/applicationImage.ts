import * as fs from "node:fs";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
// The base project's stack-output contract. An application repository would copy this file or get it
// from a package; this example imports it from the repository so a contract change breaks its test.
import type { ComponentOutput, StackOutputs } from "../../src/outputs/stackOutputs";

/** The contract version of dc-image-builder's outputs this program was written against. */
export const EXPECTED_CONTRACT_VERSION = 1;

/** The shared component (settings.json `shared_components`) this application installs. */
export const SHARED_COMPONENT = "application-user";

export interface ApplicationImageArgs {
  /** `<organization>/dc-image-builder/<stack>`. */
  readonly baseStack: string;
  readonly ubuntuVersion: string;
  readonly recipeVersion: string;
}

/** A typed output of the base stack: the one place the contract's shapes meet a StackReference. */
export function baseOutput<K extends keyof StackOutputs>(
  ref: pulumi.StackReference,
  key: K,
): pulumi.Output<StackOutputs[K]> {
  return ref.requireOutput(key) as pulumi.Output<StackOutputs[K]>;
}

/** Refuses a base stack whose outputs changed shape since this program was written. */
export function checkContractVersion(version: number): number {
  if (version !== EXPECTED_CONTRACT_VERSION) {
    throw new Error(
      `the base stack's outputs are contract version ${version}, this program expects ${EXPECTED_CONTRACT_VERSION}: ` +
        `read dc-image-builder's changelog and update the program`,
    );
  }
  return version;
}

/** The shared component for an Ubuntu version, found by its settings.json name. */
export function sharedComponent(
  components: StackOutputs["components"],
  settingsName: string,
  ubuntuVersion: string,
): ComponentOutput {
  const found = Object.values(components).find(
    (c) => c.settingsName === settingsName && c.ubuntuVersion === ubuntuVersion,
  );
  if (found === undefined) {
    throw new Error(`the base stack shares no component "${settingsName}" for Ubuntu ${ubuntuVersion}`);
  }
  return found;
}

/**
 * The parent image as the SSM parameter the base stack's distribution writes on every build, so each
 * build of this recipe starts from the newest base AMI. The ARN form works from another account once
 * the parameter is shared with it; in the base stack's own account the plain name would do as well.
 */
export function parentImageParameter(
  outputs: Pick<StackOutputs, "region" | "accountId" | "baseAmiSsmParameters">,
  ubuntuVersion: string,
): string {
  const name = outputs.baseAmiSsmParameters[ubuntuVersion];
  if (name === undefined) {
    throw new Error(`the base stack publishes no base AMI for Ubuntu ${ubuntuVersion}`);
  }
  return `ssm:arn:aws:ssm:${outputs.region}:${outputs.accountId}:parameter${name}`;
}

export function createApplicationImage(args: ApplicationImageArgs) {
  const base = new pulumi.StackReference("base", { name: args.baseStack });
  const contractVersion = baseOutput(base, "contractVersion").apply(checkContractVersion);
  const slug = `ubuntu-${args.ubuntuVersion.replace(/\./g, "-")}`;

  const parentImage = pulumi
    .all([
      contractVersion,
      baseOutput(base, "region"),
      baseOutput(base, "accountId"),
      baseOutput(base, "baseAmiSsmParameters"),
    ])
    .apply(([, region, accountId, baseAmiSsmParameters]) =>
      parentImageParameter({ region, accountId, baseAmiSsmParameters }, args.ubuntuVersion),
    );
  const shared = baseOutput(base, "components").apply((c) =>
    sharedComponent(c, SHARED_COMPONENT, args.ubuntuVersion),
  );

  const setup = new aws.imagebuilder.Component("app-setup", {
    name: `app-setup-${slug}`,
    version: args.recipeVersion,
    platform: "Linux",
    data: fs.readFileSync(path.join(__dirname, "components", "app-setup.yml"), "utf8"),
  });

  const recipe = new aws.imagebuilder.ImageRecipe("application", {
    name: `application-${slug}`,
    version: args.recipeVersion,
    parentImage,
    components: [{ componentArn: shared.arn }, { componentArn: setup.arn }],
  });

  return { recipeArn: recipe.arn, parentImage, sharedComponentArn: shared.arn };
}
