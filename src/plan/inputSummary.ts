import { arnLabel } from "./arnLabel";

/** What a reviewer reads of one resource in the tree: `key=value` fields and extra indented lines. */
export interface InputSummary {
  readonly fields: string[];
  readonly details: string[];
}

type Inputs = Readonly<Record<string, unknown>>;
type Summarizer = (inputs: Inputs) => InputSummary;

const str = (v: unknown): string => (typeof v === "string" ? v : JSON.stringify(v));
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Inputs =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Inputs) : {};

/** `key=value` for each key present, in the order given. */
function pick(inputs: Inputs, ...keys: string[]): string[] {
  return keys.filter((k) => inputs[k] !== undefined).map((k) => `${k}=${str(inputs[k])}`);
}

/** Numbered lines, e.g. a recipe's components in execution order. */
export function numbered(items: readonly string[]): string[] {
  return items.map((item, i) => `${i + 1}. ${item}`);
}

export function recipeComponentLabels(components: unknown): string[] {
  return list(components).map((c) => arnLabel(obj(c).componentArn));
}

function principals(launchPermission: Inputs): string[] {
  return [
    ...list(launchPermission.organizationArns).map((a) => `org ${arnLabel(a).split("/").pop()}`),
    ...list(launchPermission.organizationalUnitArns).map((a) => `ou ${arnLabel(a).split("/").pop()}`),
    ...list(launchPermission.userIds).map((a) => `account ${str(a)}`),
  ];
}

const SUMMARIZERS: Readonly<Record<string, Summarizer>> = {
  "aws:imagebuilder/component:Component": (i) => ({
    fields: [
      ...pick(i, "name", "version", "platform"),
      `data=${typeof i.data === "string" ? i.data.length : 0} chars`,
    ],
    details: [],
  }),
  "aws:imagebuilder/imageRecipe:ImageRecipe": (i) => {
    const ebs = obj(obj(list(i.blockDeviceMappings)[0]).ebs);
    return {
      fields: [
        ...pick(i, "name", "version", "parentImage"),
        ...(ebs.volumeSize === undefined ? [] : [`rootVolume=${str(ebs.volumeSize)}GiB`]),
      ],
      details: ["components:", ...numbered(recipeComponentLabels(i.components)).map((l) => `  ${l}`)],
    };
  },
  "aws:imagebuilder/distributionConfiguration:DistributionConfiguration": (i) => {
    const distributions = list(i.distributions).map(obj);
    const first = obj(distributions[0]?.amiDistributionConfiguration);
    const shared = principals(obj(first.launchPermission));
    const ssm = list(distributions[0]?.ssmParameterConfigurations).map((p) => str(obj(p).parameterName));
    return {
      fields: [
        ...pick(i, "name"),
        `regions=${distributions.map((d) => str(d.region)).join(",")}`,
        `sharedWith=${shared.length > 0 ? shared.join(", ") : "nobody"}`,
        ...(ssm.length > 0 ? [`ssmParameter=${ssm.join(",")}`] : []),
      ],
      details: [],
    };
  },
  "aws:imagebuilder/imagePipeline:ImagePipeline": (i) => {
    const schedule = obj(i.schedule);
    const tests = obj(i.imageTestsConfiguration);
    const scanning = obj(i.imageScanningConfiguration);
    return {
      fields: [
        ...pick(i, "name", "status"),
        `recipe=${arnLabel(i.imageRecipeArn)}`,
        schedule.scheduleExpression === undefined
          ? "schedule=none (started by hand)"
          : `schedule=${str(schedule.scheduleExpression)}` +
            (schedule.pipelineExecutionStartCondition === "EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE"
              ? " (when a dependency changed)"
              : ""),
        ...(tests.imageTestsEnabled === undefined ? [] : [`imageTests=${str(tests.imageTestsEnabled)}`]),
        ...(scanning.imageScanningEnabled === undefined
          ? []
          : [`imageScanning=${str(scanning.imageScanningEnabled)}`]),
      ],
      details: [],
    };
  },
  "aws:imagebuilder/infrastructureConfiguration:InfrastructureConfiguration": (i) => ({
    fields: [
      ...pick(i, "name"),
      `instanceTypes=${list(i.instanceTypes).map(str).join(",")}`,
      `subnet=${i.subnetId === undefined ? "default VPC" : str(i.subnetId)}`,
    ],
    details: [],
  }),
  "aws:imagebuilder/lifecyclePolicy:LifecyclePolicy": (i) => ({
    fields: [
      ...pick(i, "name", "status"),
      `recipes=${list(obj(i.resourceSelection).recipes)
        .map((r) => str(obj(r).name))
        .join(",")}`,
    ],
    details: list(i.policyDetails).map((d) => {
      const { action, filter } = { action: obj(obj(d).action), filter: obj(obj(d).filter) };
      const keep = filter.retainAtLeast === undefined ? "" : `, keep at least ${str(filter.retainAtLeast)}`;
      const what =
        filter.type === "AGE"
          ? `older than ${str(filter.value)} ${str(filter.unit).toLowerCase()}`
          : `beyond the newest ${str(filter.value)}`;
      return `${str(action.type).toLowerCase()} ${what}${keep}`;
    }),
  }),
  "aws:iam/role:Role": (i) => ({ fields: pick(i, "name"), details: [] }),
  "aws:iam/instanceProfile:InstanceProfile": (i) => ({ fields: pick(i, "name"), details: [] }),
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": (i) => ({
    fields: [`policy=${arnLabel(i.policyArn).replace(/^policy\//, "")}`],
    details: [],
  }),
  "aws:kms/key:Key": (i) => ({ fields: pick(i, "multiRegion", "enableKeyRotation"), details: [] }),
  "aws:kms/replicaKey:ReplicaKey": (i) => ({ fields: pick(i, "region"), details: [] }),
  "aws:kms/alias:Alias": (i) => ({ fields: pick(i, "name"), details: [] }),
  "aws:sns/topic:Topic": (i) => ({ fields: pick(i, "name"), details: [] }),
  "aws:ram/resourceShare:ResourceShare": (i) => ({
    fields: pick(i, "name", "allowExternalPrincipals"),
    details: [],
  }),
  "aws:ram/resourceAssociation:ResourceAssociation": (i) => ({
    fields: [`resource=${arnLabel(i.resourceArn)}`],
    details: [],
  }),
  "aws:ram/principalAssociation:PrincipalAssociation": (i) => ({ fields: pick(i, "principal"), details: [] }),
};

/** The inputs a reviewer cares about for one resource type; `name=` for types without a summarizer. */
export function summarizeInputs(type: string, inputs: Inputs): InputSummary {
  const summarize = SUMMARIZERS[type];
  return summarize ? summarize(inputs) : { fields: pick(inputs, "name"), details: [] };
}
