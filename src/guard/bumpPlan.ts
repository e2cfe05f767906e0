import * as fs from "node:fs";
import * as path from "node:path";
import { BumpLevel } from "../imagebuilder/version";
import { ProjectFiles, SETTINGS_FILE } from "../loader/projectFiles";
import { Problem } from "../validation/problem";
import { analyzeVersions } from "./versionGuard";
import { VersionFacts } from "./versionFacts";
import { setComponentVersion, setRecipeVersion } from "./versionEditor";

/** One version value to change. */
export interface VersionChange {
  readonly file: string;
  readonly line: number | undefined;
  /** `component "update-os" (Ubuntu 24.04)` or `Ubuntu 24.04 recipe`. */
  readonly subject: string;
  readonly key: "component_version" | "recipe_version";
  readonly from: string;
  readonly to: string;
}

export interface BumpPlan {
  readonly changes: readonly VersionChange[];
  /** New text by repository-relative path, for every file that changes. */
  readonly edits: ReadonlyMap<string, string>;
  /** Versions that need a change but could not be edited automatically. */
  readonly failures: readonly string[];
  /** The analysis's notes: deleted components and recipes, a base that could not be compared. */
  readonly notes: readonly Problem[];
}

/**
 * What `npm run bump` changes: first every component whose version must change (content changed
 * without a bump, or version went down), then every recipe that, with those new component versions,
 * differs from base without a higher recipe_version: each recipe once, however many of its components
 * changed. A component or recipe already above base is left alone, so a second run plans nothing.
 */
export function planBump(
  base: VersionFacts,
  work: VersionFacts,
  files: ProjectFiles,
  level: BumpLevel = "patch",
  baseLabel?: string,
): BumpPlan {
  const changes: VersionChange[] = [];
  const edits = new Map<string, string>();
  const failures: string[] = [];
  const textOf = (file: string) =>
    edits.get(file) ?? (file === SETTINGS_FILE ? files.settings : files.components.get(file)) ?? "";

  const analysis = analyzeVersions(base, work, { level, baseLabel });
  for (const f of analysis.components) {
    try {
      edits.set(f.work.file, setComponentVersion(textOf(f.work.file), f.fix));
    } catch (err) {
      failures.push(`${f.work.file}: cannot set component_version to ${f.fix}: ${(err as Error).message}`);
      continue;
    }
    changes.push({
      file: f.work.file,
      line: f.work.document?.versionLine,
      subject: `component "${f.work.settingsName}" (Ubuntu ${f.work.ubuntuVersion})`,
      key: "component_version",
      from: f.workVersion,
      to: f.fix,
    });
  }

  // The analysis judged recipes with the new component versions already.
  for (const f of analysis.recipes) {
    try {
      edits.set(SETTINGS_FILE, setRecipeVersion(textOf(SETTINGS_FILE), f.work.ubuntuVersion, f.fix));
    } catch (err) {
      failures.push(
        `${SETTINGS_FILE}: cannot set recipe_version of Ubuntu ${f.work.ubuntuVersion} to ${f.fix}: ${(err as Error).message}`,
      );
      continue;
    }
    changes.push({
      file: SETTINGS_FILE,
      line: f.work.recipeVersionLine,
      subject: `Ubuntu ${f.work.ubuntuVersion} recipe`,
      key: "recipe_version",
      from: f.work.recipeVersion,
      to: f.fix,
    });
  }
  return { changes, edits, failures, notes: analysis.notes };
}

/** Writes the planned files below `root`. */
export function applyBump(root: string, plan: BumpPlan): void {
  for (const [file, text] of plan.edits) fs.writeFileSync(path.join(root, file), text);
}

export function formatChange(c: VersionChange): string {
  const where = c.line === undefined ? c.file : `${c.file}:${c.line}`;
  return `${where}: ${c.subject}: ${c.key} ${c.from} -> ${c.to}`;
}
