import * as semver from "semver";

/** Image Builder's largest allowed value for each of major, minor and patch. */
export const MAX_VERSION_PART = 2 ** 30 - 1;

export type BumpLevel = "major" | "minor" | "patch";

/**
 * Why `value` is not an Image Builder semantic version (`<major>.<minor>.<patch>`, digits only,
 * no pre-release or build tags), or undefined when it is one.
 */
export function versionProblem(value: unknown): string | undefined {
  if (typeof value !== "string") {
    return `must be a string "X.Y.Z", got ${describe(value)}`;
  }
  if (!/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(value)) {
    return `"${value}" is not X.Y.Z with digits only (no leading zeros, no pre-release tags)`;
  }
  const tooBig = value.split(".").find((part) => Number(part) > MAX_VERSION_PART);
  if (tooBig !== undefined) {
    return `"${value}" has a part larger than ${MAX_VERSION_PART}, Image Builder's limit`;
  }
  return undefined;
}

export function compareVersions(a: string, b: string): number {
  return semver.compare(a, b);
}

export function bumpVersion(version: string, level: BumpLevel): string {
  const next = semver.inc(version, level);
  if (next === null) throw new Error(`cannot bump "${version}": not a valid version`);
  return next;
}

/** YAML 1.1 readers turn `1.0` into a number: say what was actually found, not `[object]`. */
export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") return `"${value}"`;
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${String(value)}`;
  return Array.isArray(value) ? "a list" : "an object";
}
