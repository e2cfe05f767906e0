import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { MockEnvironment } from "../offline/mockResourceState";

/** Used when the stack file lacks region or account: validation then reports the real problem. */
export const FALLBACK_ENVIRONMENT: MockEnvironment = { region: "eu-west-2", account: "111122223333" };

/**
 * Where the mocks pretend to deploy: the stack's `aws:region` and the first `aws:allowedAccountIds`
 * entry, the account a real deploy is pinned to.
 */
export function mockEnvironment(config: Readonly<Record<string, string>>): MockEnvironment {
  const region = config["aws:region"] ?? FALLBACK_ENVIRONMENT.region;
  let account = FALLBACK_ENVIRONMENT.account;
  try {
    const ids = JSON.parse(config["aws:allowedAccountIds"] ?? "[]") as unknown;
    if (Array.isArray(ids) && typeof ids[0] === "string") account = ids[0];
  } catch {
    // Not JSON: the program's validation reports it.
  }
  return { region, account };
}

/** The project name from Pulumi.yaml (URNs carry it), or the directory name when it has none. */
export function projectName(root: string): string {
  const file = path.join(root, "Pulumi.yaml");
  try {
    const doc = yaml.load(fs.readFileSync(file, "utf8")) as { name?: unknown } | null;
    if (typeof doc?.name === "string") return doc.name;
  } catch {
    // Missing or malformed: fall through.
  }
  return path.basename(root);
}
