/**
 * Which input changes make a resource be replaced (deleted and created again) rather than updated
 * in place, per resource type. The AWS provider bridges the Terraform AWS provider, so these are its
 * ForceNew arguments; for Image Builder components and recipes, which AWS never updates, that is
 * every input but tags. docs/plan.md lists the table; a test checks it covers every type the
 * program creates.
 */
export type ReplaceRule =
  /** Every input except these forces a replacement. */
  | { readonly replacesOnAllExcept: readonly string[] }
  /** Only these inputs force a replacement. */
  | { readonly replacesOn: readonly string[] };

const TAGS = ["tags", "tagsAll"];

export const REPLACE_RULES: Readonly<Record<string, ReplaceRule>> = {
  "aws:imagebuilder/component:Component": { replacesOnAllExcept: [...TAGS, "skipDestroy"] },
  "aws:imagebuilder/imageRecipe:ImageRecipe": { replacesOnAllExcept: TAGS },
  "aws:imagebuilder/distributionConfiguration:DistributionConfiguration": { replacesOn: ["name", "region"] },
  "aws:imagebuilder/imagePipeline:ImagePipeline": { replacesOn: ["name", "region"] },
  "aws:imagebuilder/infrastructureConfiguration:InfrastructureConfiguration": {
    replacesOn: ["name", "region"],
  },
  "aws:imagebuilder/lifecyclePolicy:LifecyclePolicy": { replacesOn: ["name", "region"] },
  "aws:iam/role:Role": { replacesOn: ["name", "namePrefix", "path"] },
  "aws:iam/instanceProfile:InstanceProfile": { replacesOn: ["name", "namePrefix", "path"] },
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { replacesOn: ["role", "policyArn"] },
  "aws:kms/key:Key": {
    replacesOn: [
      "multiRegion",
      "customerMasterKeySpec",
      "keyUsage",
      "customKeyStoreId",
      "xksKeyId",
      "region",
    ],
  },
  "aws:kms/replicaKey:ReplicaKey": { replacesOn: ["primaryKeyArn", "region"] },
  "aws:kms/alias:Alias": { replacesOn: ["name", "namePrefix", "region"] },
  "aws:sns/topic:Topic": { replacesOn: ["name", "namePrefix", "fifoTopic", "region"] },
  "aws:ram/resourceShare:ResourceShare": { replacesOn: ["region"] },
  "aws:ram/resourceAssociation:ResourceAssociation": {
    replacesOn: ["resourceArn", "resourceShareArn", "region"],
  },
  "aws:ram/principalAssociation:PrincipalAssociation": {
    replacesOn: ["principal", "resourceShareArn", "region"],
  },
};

/** For a type missing from the table: a region move replaces any AWS resource; nothing else is assumed. */
const UNKNOWN_TYPE: ReplaceRule = { replacesOn: ["region"] };

export function replaceRule(type: string): ReplaceRule {
  return REPLACE_RULES[type] ?? UNKNOWN_TYPE;
}

/** Whether a change of this top-level input replaces a resource of this type. */
export function forcesReplacement(type: string, input: string): boolean {
  const rule = replaceRule(type);
  return "replacesOn" in rule ? rule.replacesOn.includes(input) : !rule.replacesOnAllExcept.includes(input);
}
