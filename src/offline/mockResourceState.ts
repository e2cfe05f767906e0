import { createHash } from "node:crypto";
import { arnName, imageBuilderArn } from "../imagebuilder/naming";

export interface MockEnvironment {
  readonly region: string;
  readonly account: string;
}

/**
 * The state AWS would return for a resource, computed offline: the inputs plus realistic ARNs and ids
 * built from region, account, name and version, deterministic so plans and tests are repeatable.
 */
export function mockResourceState(
  type: string,
  logicalName: string,
  inputs: Record<string, unknown>,
  env: MockEnvironment,
): Record<string, unknown> {
  const region = typeof inputs.region === "string" ? inputs.region : env.region;
  const { account } = env;
  const name = typeof inputs.name === "string" ? inputs.name : logicalName;
  const ib = (kind: string, path: string) => imageBuilderArn(region, account, kind, path);
  switch (type) {
    case "aws:imagebuilder/component:Component":
      return { ...inputs, name, arn: ib("component", `${arnName(name)}/${String(inputs.version)}/1`) };
    case "aws:imagebuilder/imageRecipe:ImageRecipe":
      return { ...inputs, name, arn: ib("image-recipe", `${arnName(name)}/${String(inputs.version)}`) };
    case "aws:imagebuilder/distributionConfiguration:DistributionConfiguration":
      return { ...inputs, name, arn: ib("distribution-configuration", arnName(name)) };
    case "aws:imagebuilder/imagePipeline:ImagePipeline":
      return { ...inputs, name, arn: ib("image-pipeline", arnName(name)) };
    case "aws:imagebuilder/infrastructureConfiguration:InfrastructureConfiguration":
      return { ...inputs, name, arn: ib("infrastructure-configuration", arnName(name)) };
    case "aws:imagebuilder/lifecyclePolicy:LifecyclePolicy":
      return { ...inputs, name, arn: ib("lifecycle-policy", arnName(name)) };
    case "aws:iam/role:Role":
      return {
        ...inputs,
        name,
        arn: `arn:aws:iam::${account}:role/${name}`,
        uniqueId: `AROA${hex(name, 17).toUpperCase()}`,
      };
    case "aws:iam/instanceProfile:InstanceProfile":
      return { ...inputs, name, arn: `arn:aws:iam::${account}:instance-profile/${name}` };
    case "aws:kms/key:Key": {
      const keyId = inputs.multiRegion === true ? `mrk-${hex(logicalName, 32)}` : uuid(logicalName);
      return { ...inputs, keyId, arn: `arn:aws:kms:${region}:${account}:key/${keyId}` };
    }
    case "aws:kms/replicaKey:ReplicaKey": {
      const keyId = String(inputs.primaryKeyArn).split("/").pop();
      return { ...inputs, keyId, arn: `arn:aws:kms:${region}:${account}:key/${keyId}` };
    }
    case "aws:kms/alias:Alias":
      return { ...inputs, arn: `arn:aws:kms:${region}:${account}:${name}` };
    case "aws:sns/topic:Topic":
      return { ...inputs, name, arn: `arn:aws:sns:${region}:${account}:${name}` };
    case "aws:ram/resourceShare:ResourceShare":
      return { ...inputs, name, arn: `arn:aws:ram:${region}:${account}:resource-share/${uuid(logicalName)}` };
    default:
      return { ...inputs };
  }
}

function hex(seed: string, length: number): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

function uuid(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
