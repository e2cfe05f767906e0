/**
 * A short, readable label for an ARN in a plan: `name@version` for Image Builder components and
 * recipes (`aws/name@x.x.x` for AWS-managed ones), the last path segment for most others.
 */
export function arnLabel(arn: unknown): string {
  if (typeof arn !== "string") return JSON.stringify(arn) ?? String(arn);
  const ib =
    /^arn:aws[a-z-]*:imagebuilder:[^:]*:([^:]*):(component|image-recipe|image)\/([^/]+)\/([^/]+)(?:\/\d+)?$/.exec(
      arn,
    );
  if (ib) {
    const [, owner, , name, version] = ib;
    return owner === "aws" ? `aws/${name}@${version}` : `${name}@${version}`;
  }
  const rest = /^arn:aws[a-z-]*:[^:]*:[^:]*:[^:]*:(.+)$/.exec(arn);
  return rest ? rest[1] : arn;
}
