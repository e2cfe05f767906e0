/** What `ImageRecipe.parentImage` accepts: an AMI id, an Image Builder image ARN, or `ssm:<parameter>`. */
const AMI_ID = /^ami-[0-9a-f]{8}([0-9a-f]{9})?$/;
const IMAGE_ARN =
  /^arn:aws:imagebuilder:([a-z]{2}(?:-[a-z]+)+-\d):(aws|\d{12}):image\/[a-z0-9-_]+\/(x|\d+)\.(x|\d+)\.(x|\d+)(\/\d+)?$/;
const SSM = /^ssm:(\/?[A-Za-z0-9_.\-/]+|arn:aws:ssm:[a-z0-9-]+:\d{12}:parameter\/[A-Za-z0-9_.\-/]+)$/;

export type ParentImageKind = "ami" | "image-arn" | "ssm";

export function parentImageKind(value: string): ParentImageKind | undefined {
  if (AMI_ID.test(value)) return "ami";
  if (IMAGE_ARN.test(value)) return "image-arn";
  if (SSM.test(value)) return "ssm";
  return undefined;
}

/** The region named in an image ARN, so it can be checked against the stack's. */
export function parentImageRegion(value: string): string | undefined {
  return IMAGE_ARN.exec(value)?.[1];
}

export const PARENT_IMAGE_HINT =
  'an AMI id ("ami-0123456789abcdef0"), an Image Builder image ARN, or "ssm:<parameter name>"';
