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
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[] | boolean>>>>;
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
const LAUNCH_ACTIONS = ["kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptFrom", "kms:ReEncryptTo"];

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
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey", "kms:CreateGrant"],
      Resource: "*",
    },
  ];
  const grantForAwsResource = { Bool: { "kms:GrantIsForAWSResource": true } };
  if (sharing.accountIds.length > 0) {
    const principals = sharing.accountIds.map((id) => `arn:aws:iam::${id}:root`);
    statements.push(
      { Sid: "SharedAccountsLaunch", Effect: "Allow", Principal: { AWS: principals }, Action: LAUNCH_ACTIONS, Resource: "*" },
      {
        Sid: "SharedAccountsGrantToEc2",
        Effect: "Allow",
        Principal: { AWS: principals },
        Action: "kms:CreateGrant",
        Resource: "*",
        Condition: grantForAwsResource,
      },
    );
  }
  const orgIds = sharing.organizationArns.map((arn) => arn.split("/").pop() as string);
  if (orgIds.length > 0) {
    const condition = { StringEquals: { "aws:PrincipalOrgID": orgIds } };
    statements.push(
      { Sid: "OrganizationLaunch", Effect: "Allow", Principal: { AWS: "*" }, Action: LAUNCH_ACTIONS, Resource: "*", Condition: condition },
      {
        Sid: "OrganizationGrantToEc2",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: "kms:CreateGrant",
        Resource: "*",
        Condition: { ...condition, ...grantForAwsResource },
      },
    );
  }
  // OU ARNs carry the org and OU id but not the root id, so the path matches any root.
  const ouPaths = sharing.organizationalUnitArns.map((arn) => {
    const [, org, ou] = arn.split(":ou/")[1].match(/^(o-[a-z0-9]+)\/(ou-[a-z0-9-]+)$/) ?? [];
    return `${org}/*/${ou}/*`;
  });
  if (ouPaths.length > 0) {
    const condition = { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ouPaths } };
    statements.push(
      { Sid: "OrganizationalUnitsLaunch", Effect: "Allow", Principal: { AWS: "*" }, Action: LAUNCH_ACTIONS, Resource: "*", Condition: condition },
      {
        Sid: "OrganizationalUnitsGrantToEc2",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: "kms:CreateGrant",
        Resource: "*",
        Condition: { ...condition, ...grantForAwsResource },
      },
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
