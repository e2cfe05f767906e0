/** Every ComponentResource of this project lives in one type namespace. */
export const NAMESPACE = "dc-image-builder:imagebuilder";

export type Tags = Readonly<Record<string, string>>;
