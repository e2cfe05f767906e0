import { SharePrincipals } from "../config/stackConfig";

/** IAM policy documents for the customer-managed keys, built as plain data so tests can read them. */
export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Principal: Readonly<Record<string, string | readonly string[]>>;
  readonly Action: string | readonly string[];
  readonly Resource: "*";
  readonly Condition?: Readonly<
    Record<string, Readonly<Record<string, string | readonly string[] | boolean>>>
  >;
}

export function imageBuilderServiceLinkedRole(accountId: string): string {
  return `arn:aws:iam::${accountId}:role/aws-service-role/imagebuilder.amazonaws.com/AWSServiceRoleForImageBuilder`;
}

function accountAdministration(accountId: string): PolicyStatement {
  return {
    Sid: "AccountAdministersKey",
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${accountId}:root` },
    Action: "kms:*",
    Resource: "*",
  };
}

/** What launching an instance from an encrypted AMI, or copying it, needs of the key. */
const LAUNCH_ACTIONS = [
  "kms:Decrypt",
  "kms:DescribeKey",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
];

type Condition = NonNullable<PolicyStatement["Condition"]>;

/**
 * Launching from the AMI, and letting EC2 create the grants it needs for the volumes (only grants
 * for AWS resources, so the principals cannot hand the key to anyone else).
 */
function launchStatements(
  sid: string,
  principal: string | string[],
  who: Condition | undefined,
): PolicyStatement[] {
  const grant: Condition = { ...who, Bool: { "kms:GrantIsForAWSResource": true } };
  return [
    {
      Sid: `${sid}Launch`,
      Effect: "Allow",
      Principal: { AWS: principal },
      Action: LAUNCH_ACTIONS,
      Resource: "*",
      ...(who ? { Condition: who } : {}),
    },
    {
      Sid: `${sid}GrantToEc2`,
      Effect: "Allow",
      Principal: { AWS: principal },
      Action: "kms:CreateGrant",
      Resource: "*",
      Condition: grant,
    },
  ];
}

/**
 * The AMI key: Image Builder encrypts the build volume and AMI snapshots with it, and every principal
 * the AMI is shared with may launch from it. The AWS-managed `aws/ebs` key cannot be shared this way.
 */
export function amiKeyPolicy(accountId: string, sharing: SharePrincipals): PolicyDocument {
  const statements: PolicyStatement[] = [
    accountAdministration(accountId),
    {
      Sid: "ImageBuilderEncryptsImages",
      Effect: "Allow",
      Principal: { AWS: imageBuilderServiceLinkedRole(accountId) },
      Action: [
        "kms:Encrypt",
        "kms:Decrypt",
        "kms:ReEncrypt*",
        "kms:GenerateDataKey*",
        "kms:DescribeKey",
        "kms:CreateGrant",
      ],
      Resource: "*",
    },
  ];
  if (sharing.accountIds.length > 0) {
    const principals = sharing.accountIds.map((id) => `arn:aws:iam::${id}:root`);
    statements.push(...launchStatements("SharedAccounts", principals, undefined));
  }
  const orgIds = sharing.organizationArns.map((arn) => arn.split("/").pop() as string);
  if (orgIds.length > 0) {
    statements.push(
      ...launchStatements("Organization", "*", { StringEquals: { "aws:PrincipalOrgID": orgIds } }),
    );
  }
  // OU ARNs carry the org and OU id but not the root id, so the path matches any root.
  const ouPaths = sharing.organizationalUnitArns.map((arn) => {
    const [, org, ou] = arn.split(":ou/")[1].match(/^(o-[a-z0-9]+)\/(ou-[a-z0-9-]+)$/) ?? [];
    return `${org}/*/${ou}/*`;
  });
  if (ouPaths.length > 0) {
    statements.push(
      ...launchStatements("OrganizationalUnits", "*", {
        "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ouPaths },
      }),
    );
  }
  return { Version: "2012-10-17", Statement: statements };
}

/**
 * The build-notification topic's key: Image Builder publishes through its service-linked role, which
 * needs to generate data keys. The AWS-managed `alias/aws/sns` key's policy cannot grant that.
 */
export function notificationKeyPolicy(accountId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      accountAdministration(accountId),
      {
        Sid: "ImageBuilderPublishesNotifications",
        Effect: "Allow",
        Principal: { AWS: imageBuilderServiceLinkedRole(accountId) },
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: "*",
      },
    ],
  };
}
