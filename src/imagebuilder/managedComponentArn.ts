/**
 * An AWS-managed component reference: `arn:aws:imagebuilder:<region>:aws:component/<name>/<filter>`,
 * where the version filter wildcards from the right only (`x.x.x`, `1.x.x`, `1.2.x`, `1.2.3`).
 */
const MANAGED_ARN =
  /^arn:aws:imagebuilder:([a-z]{2}(?:-[a-z]+)+-\d):aws:component\/([a-z0-9][a-z0-9-]*[a-z0-9])\/([^/]+)$/;
const VERSION_FILTER = /^(x\.x\.x|\d+\.x\.x|\d+\.\d+\.x|\d+\.\d+\.\d+)$/;

export interface ManagedComponentArn {
  readonly region: string;
  readonly name: string;
  readonly versionFilter: string;
}

export function parseManagedComponentArn(arn: string): ManagedComponentArn | string {
  const match = MANAGED_ARN.exec(arn);
  if (!match) {
    return `"${arn}" is not an AWS-managed component ARN (arn:aws:imagebuilder:<region>:aws:component/<name>/<version filter>)`;
  }
  const [, region, name, versionFilter] = match;
  if (!VERSION_FILTER.test(versionFilter)) {
    return `"${arn}" has version filter "${versionFilter}": wildcards must run from the right (x.x.x, 1.x.x, 1.2.x or 1.2.3)`;
  }
  return { region, name, versionFilter };
}
