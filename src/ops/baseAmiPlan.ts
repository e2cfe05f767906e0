import { parentImageKind } from "../imagebuilder/parentImage";
import { bumpVersion } from "../imagebuilder/version";
import { canonicalAmiParameter } from "./canonicalParameters";
import { UbuntuVersionEdit } from "./settingsEditor";

/** The part of settings.json this command reads. */
export interface BaseAmiSettings {
  readonly supported_ubuntu_versions: Readonly<
    Record<string, { readonly base_ami: string; readonly recipe_version: string }>
  >;
}

/** A version whose base_ami is a pinned AMI id, and the Canonical parameter that says what is newest. */
export interface PinnedVersion {
  readonly ubuntuVersion: string;
  readonly parameter: string;
  readonly currentAmi: string;
  readonly recipeVersion: string;
}

export type BaseAmiPlanEntry =
  | {
      readonly kind: "current";
      readonly ubuntuVersion: string;
      readonly parameter: string;
      readonly ami: string;
    }
  | {
      readonly kind: "update";
      readonly ubuntuVersion: string;
      readonly parameter: string;
      readonly fromAmi: string;
      readonly toAmi: string;
      readonly fromRecipeVersion: string;
      readonly toRecipeVersion: string;
    }
  /** base_ami is `ssm:` or an image ARN: Image Builder resolves it at build time, nothing to pin. */
  | { readonly kind: "not-pinned"; readonly ubuntuVersion: string; readonly baseAmi: string };

const AMI_ID = /^ami-[0-9a-f]{8}([0-9a-f]{9})?$/;

/** Versions to look up, in settings order. Throws when a pinned version has no known parameter. */
export function pinnedVersions(settings: BaseAmiSettings): PinnedVersion[] {
  return Object.entries(settings.supported_ubuntu_versions)
    .filter(([, entry]) => parentImageKind(entry.base_ami) === "ami")
    .map(([ubuntuVersion, entry]) => ({
      ubuntuVersion,
      parameter: canonicalAmiParameter(ubuntuVersion),
      currentAmi: entry.base_ami,
      recipeVersion: entry.recipe_version,
    }));
}

/**
 * What to change, given the newest AMI id per parameter name. A changed AMI bumps the recipe's patch
 * version: a recipe is immutable, so a new parent image needs a new recipe version.
 */
export function planBaseAmiUpdates(
  settings: BaseAmiSettings,
  latestByParameter: ReadonlyMap<string, string>,
): BaseAmiPlanEntry[] {
  const pinned = new Map(pinnedVersions(settings).map((p) => [p.ubuntuVersion, p]));
  return Object.entries(settings.supported_ubuntu_versions).map(
    ([ubuntuVersion, entry]): BaseAmiPlanEntry => {
      const p = pinned.get(ubuntuVersion);
      if (p === undefined) return { kind: "not-pinned", ubuntuVersion, baseAmi: entry.base_ami };
      const latest = latestByParameter.get(p.parameter);
      if (latest === undefined)
        throw new Error(`parameter missing: ${p.parameter} (Ubuntu ${ubuntuVersion})`);
      if (!AMI_ID.test(latest)) {
        throw new Error(`${p.parameter} holds "${latest}", which is not an AMI id`);
      }
      if (latest === p.currentAmi)
        return { kind: "current", ubuntuVersion, parameter: p.parameter, ami: latest };
      return {
        kind: "update",
        ubuntuVersion,
        parameter: p.parameter,
        fromAmi: p.currentAmi,
        toAmi: latest,
        fromRecipeVersion: p.recipeVersion,
        toRecipeVersion: bumpVersion(p.recipeVersion, "patch"),
      };
    },
  );
}

export function planEdits(plan: readonly BaseAmiPlanEntry[]): UbuntuVersionEdit[] {
  return plan.flatMap((e) =>
    e.kind === "update"
      ? [{ ubuntuVersion: e.ubuntuVersion, baseAmi: e.toAmi, recipeVersion: e.toRecipeVersion }]
      : [],
  );
}

/** One line per Ubuntu version, for people and CI logs (and the pull request body). */
export function describePlanEntry(entry: BaseAmiPlanEntry, dryRun: boolean): string {
  switch (entry.kind) {
    case "current":
      return `${entry.ubuntuVersion}: base_ami ${entry.ami} is the newest Canonical AMI, unchanged`;
    case "update":
      return (
        `${entry.ubuntuVersion}: ${dryRun ? "would update" : "updated"} base_ami ${entry.fromAmi} -> ${entry.toAmi}, ` +
        `recipe_version ${entry.fromRecipeVersion} -> ${entry.toRecipeVersion}`
      );
    case "not-pinned":
      return `${entry.ubuntuVersion}: base_ami ${entry.baseAmi} is resolved at build time, not pinned; nothing to update`;
  }
}
