import { z } from "zod";
import { Problem, problem } from "../validation/problem";

export const PROJECT = "dc-image-builder";

const ORG_ARN = /^arn:aws:organizations::\d{12}:organization\/o-[a-z0-9]{10,32}$/;
const OU_ARN = /^arn:aws:organizations::\d{12}:ou\/o-[a-z0-9]{10,32}\/ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

const region = z.string().regex(REGION, "must be an AWS region such as eu-west-2");

const principal = z.string().refine(
  (p) => ORG_ARN.test(p) || OU_ARN.test(p) || ACCOUNT_ID.test(p),
  (p) => ({
    message: `"${p}" is not an organization ARN (arn:aws:organizations::<account>:organization/o-…), an OU ARN (…:ou/o-…/ou-…) or a 12-digit account id`,
  }),
);

const scheduleExpression = z.string().refine(
  (s) => s === "none" || /^cron\(.+\)$/.test(s) || /^rate\(.+\)$/.test(s),
  (s) => ({ message: `"${s}" is neither "none" nor a cron(...) expression such as "cron(0 4 * * ? *)"` }),
);

/** The project's own keys, as declared in Pulumi.yaml (without the `dc-image-builder:` prefix). */
export const projectConfigSchema = z
  .object({
    sharePrincipals: z.array(principal).default([]),
    allowExternalPrincipals: z.boolean().default(false),
    distributionRegions: z.array(region).default([]),
    buildInstanceTypes: z
      .array(z.string().regex(/^[a-z0-9-]+\.[a-z0-9]+$/, "must be an EC2 instance type such as m5.large"))
      .min(1, "needs at least one instance type")
      .default(["m5.large"]),
    pipelineSchedule: scheduleExpression.default("cron(0 4 * * ? *)"),
    imageTestsEnabled: z.boolean().default(true),
    // Amazon Inspector must be enabled in the account for scanning to report anything.
    imageScanningEnabled: z.boolean().default(false),
    amiDeprecateAfterDays: z.number().int().min(1).max(1000).default(90),
    // Image Builder's age rule can keep at most 10; at least 1 keeps the published AMI.
    amiKeepNewest: z.number().int().min(1, "must keep at least the newest AMI").max(10).default(3),
    // Pulumi.yaml declares "" and [] as defaults, meaning "use the default VPC".
    subnetId: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .regex(/^subnet-[0-9a-f]{8,17}$/, "must be a subnet id such as subnet-0123abcd")
        .optional(),
    ),
    securityGroupIds: z.preprocess(
      (v) => (Array.isArray(v) && v.length === 0 ? undefined : v),
      z
        .array(z.string().regex(/^sg-[0-9a-f]{8,17}$/, "must be a security group id such as sg-0123abcd"))
        .optional(),
    ),
    ssmParameterPrefix: z
      .string()
      .regex(/^(\/[A-Za-z0-9_.-]+)+$/, 'must be an SSM parameter path such as "/dc-image-builder/base-ami"')
      .default("/dc-image-builder/base-ami"),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.securityGroupIds !== undefined && c.subnetId === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["securityGroupIds"],
        message: "Image Builder needs subnetId when securityGroupIds is set",
      });
    }
  });

export type ProjectConfig = z.output<typeof projectConfigSchema>;

/** Everything the program needs to know about the stack: one stack is one AWS account. */
export interface StackConfig extends ProjectConfig {
  readonly stack: string;
  readonly region: string;
  readonly accountId: string;
  readonly sharing: SharePrincipals;
}

export interface SharePrincipals {
  readonly organizationArns: string[];
  readonly organizationalUnitArns: string[];
  readonly accountIds: string[];
}

export type StackConfigResult = { ok: true; value: StackConfig } | { ok: false; problems: Problem[] };

/**
 * Validates a stack's config as Pulumi hands it over: a flat map of `namespace:key` to string,
 * where lists and booleans arrive as JSON text. `lineOf` points problems at Pulumi.<stack>.yaml.
 */
export function parseStackConfig(
  stack: string,
  raw: Readonly<Record<string, string>>,
  lineOf: (key: string) => number | undefined = () => undefined,
): StackConfigResult {
  const file = `Pulumi.${stack}.yaml`;
  const problems: Problem[] = [];
  const report = (key: string, message: string) =>
    problems.push(problem(file, "config/invalid", `stack "${stack}": ${key} ${message}`, lineOf(key)));

  const regionValue = raw["aws:region"];
  if (regionValue === undefined) report("aws:region", "is required: the region this stack deploys to");
  else if (!REGION.test(regionValue)) report("aws:region", `"${regionValue}" is not an AWS region`);

  // A stack is one account: without exactly one allowed id a deploy could land in the wrong one.
  const accounts = parseJson(raw["aws:allowedAccountIds"]);
  let accountId = "";
  if (raw["aws:allowedAccountIds"] === undefined) {
    report("aws:allowedAccountIds", "is required: the one 12-digit account id this stack may deploy to");
  } else if (
    !Array.isArray(accounts) ||
    accounts.length !== 1 ||
    typeof accounts[0] !== "string" ||
    !ACCOUNT_ID.test(accounts[0])
  ) {
    report(
      "aws:allowedAccountIds",
      `must list exactly one 12-digit account id (one stack is one account), got ${raw["aws:allowedAccountIds"]}`,
    );
  } else {
    accountId = accounts[0];
  }

  const own: Record<string, unknown> = {};
  const knownKeys = Object.keys(projectConfigSchema.innerType().shape);
  for (const [key, value] of Object.entries(raw)) {
    if (!key.startsWith(`${PROJECT}:`)) continue;
    const short = key.slice(PROJECT.length + 1);
    if (!knownKeys.includes(short)) {
      report(key, `is not a known key (known: ${knownKeys.join(", ")})`);
      continue;
    }
    own[short] = parseValue(value);
  }
  const parsed = projectConfigSchema.safeParse(own);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [short, ...rest] = issue.path;
      const key = `${PROJECT}:${String(short)}`;
      const where = rest.length > 0 ? `[${rest.join("][")}]` : "";
      report(`${key}${where}`, issue.message);
    }
  }
  if (problems.length > 0 || !parsed.success || regionValue === undefined) return { ok: false, problems };

  const principals = parsed.data.sharePrincipals;
  return {
    ok: true,
    value: {
      ...parsed.data,
      stack,
      region: regionValue,
      accountId,
      sharing: {
        organizationArns: principals.filter((p) => ORG_ARN.test(p)),
        organizationalUnitArns: principals.filter((p) => OU_ARN.test(p)),
        accountIds: principals.filter((p) => ACCOUNT_ID.test(p)),
      },
    },
  };
}

/** Pulumi passes structured values as JSON; plain strings stay strings. */
function parseValue(value: string): unknown {
  const json = parseJson(value);
  return json === undefined ? value : json;
}

function parseJson(value: string | undefined): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
