import { SETTINGS_FILE } from "../loader/projectFiles";
import { BumpLevel, bumpVersion, compareVersions } from "../imagebuilder/version";
import { Problem, note, problem } from "../validation/problem";
import { ComponentFact, RecipeFact, VersionFacts } from "./versionFacts";

/** Rule ids of the version guard. */
export const GUARD_RULES = {
  componentNotBumped: "guard/component-not-bumped",
  componentVersionDecreased: "guard/component-version-decreased",
  componentVersionReused: "guard/component-version-reused",
  componentDeleted: "guard/component-deleted",
  recipeNotBumped: "guard/recipe-not-bumped",
  recipeVersionDecreased: "guard/recipe-version-decreased",
  recipeDeleted: "guard/recipe-deleted",
  baseUnreadable: "guard/base-unreadable",
} as const;

/**
 * A component whose version must change:
 * - `not-bumped`: its document changed (canonical content, so not for comments or layout) and its version did not;
 * - `reused`: its settings entry now names another document, with other content, under the same version;
 * - `decreased`: its version is lower than at base.
 */
export interface ComponentFinding {
  readonly kind: "not-bumped" | "reused" | "decreased";
  readonly work: ComponentFact;
  readonly base: ComponentFact;
  readonly workVersion: string;
  readonly baseVersion: string;
  /** The version that fixes it: the next version after base's (or base's own when only the number went down). */
  readonly fix: string;
}

/** A recipe whose version must change: what it freezes changed and its version did not, or its version went down. */
export interface RecipeFinding {
  readonly kind: "not-bumped" | "decreased";
  readonly work: RecipeFact;
  readonly base: RecipeFact;
  /** Human-readable differences, e.g. `update-os 1.0.2 -> 1.0.3`, `components reordered`. */
  readonly changes: readonly string[];
  readonly fix: string;
}

export interface VersionAnalysis {
  readonly components: readonly ComponentFinding[];
  readonly recipes: readonly RecipeFinding[];
  /** Components and recipes present at base and gone now, and other non-failing observations. */
  readonly notes: readonly Problem[];
}

export interface AnalysisOptions {
  readonly level?: BumpLevel;
  /** How the base is named in notes, e.g. `origin/main`. */
  readonly baseLabel?: string;
}

/**
 * Compares the work tree's versions with the base revision's. Only the base revision is consulted,
 * not the whole history: a version is "reused" when it is the version the component had at base.
 */
export function analyzeVersions(
  base: VersionFacts,
  work: VersionFacts,
  options: AnalysisOptions = {},
): VersionAnalysis {
  const level = options.level ?? "patch";
  const baseLabel = options.baseLabel ?? "base";
  const components: ComponentFinding[] = [];
  const recipes: RecipeFinding[] = [];
  const notes: Problem[] = [];
  if (!base.settingsOk) {
    notes.push(
      note(
        SETTINGS_FILE,
        GUARD_RULES.baseUnreadable,
        `${SETTINGS_FILE} at base ${baseLabel} is missing or invalid: versions were not compared with it`,
      ),
    );
    return { components, recipes, notes };
  }
  if (!work.settingsOk) return { components, recipes, notes };

  for (const w of work.components.values()) {
    const b = base.components.get(w.key);
    if (b?.document === undefined || w.document === undefined) continue; // new, or unreadable: nothing to compare
    const workVersion = w.document.version;
    const baseVersion = b.document.version;
    const sameContent = w.document.contentHash === b.document.contentHash;
    const order = compareVersions(workVersion, baseVersion);
    const finding = (kind: ComponentFinding["kind"], fix: string) =>
      components.push({ kind, work: w, base: b, workVersion, baseVersion, fix });
    if (order < 0) finding("decreased", sameContent ? baseVersion : bumpVersion(baseVersion, level));
    else if (order === 0 && !sameContent)
      finding(w.file === b.file ? "not-bumped" : "reused", bumpVersion(baseVersion, level));
  }
  // Recipes are judged with the component versions the findings above ask for, so one run names
  // every bump still needed (and the bump planner bumps each recipe once, after its components).
  const pending = new Map(components.map((f) => [f.work.key, f.fix]));
  const baseVersionOf = (key: string) => base.components.get(key)?.document?.version;
  const workVersionOf = (key: string) => pending.get(key) ?? work.components.get(key)?.document?.version;
  for (const b of base.components.values()) {
    if (work.components.has(b.key)) continue;
    const version = b.document ? `, ${b.document.version}` : "";
    notes.push(
      note(
        b.file,
        GUARD_RULES.componentDeleted,
        `component "${b.settingsName}" (Ubuntu ${b.ubuntuVersion}${version} at base ${baseLabel}) is no longer in ${SETTINGS_FILE}: ` +
          `its versions already in AWS are retained for the accounts that use them, but no new version will be shared`,
      ),
    );
  }

  for (const w of work.recipes.values()) {
    const b = base.recipes.get(w.ubuntuVersion);
    if (b === undefined) continue; // a new Ubuntu version: its first recipe version needs no bump
    const order = compareVersions(w.recipeVersion, b.recipeVersion);
    if (order > 0) continue;
    const changes = recipeChanges(b, w, baseVersionOf, workVersionOf, (key) => pending.has(key));
    if (changes === undefined) continue; // a component version is unknown: reported elsewhere
    if (order < 0) {
      recipes.push({
        kind: "decreased",
        work: w,
        base: b,
        changes,
        fix: changes.length > 0 ? bumpVersion(b.recipeVersion, level) : b.recipeVersion,
      });
    } else if (changes.length > 0) {
      recipes.push({
        kind: "not-bumped",
        work: w,
        base: b,
        changes,
        fix: bumpVersion(b.recipeVersion, level),
      });
    }
  }
  for (const b of base.recipes.values()) {
    if (work.recipes.has(b.ubuntuVersion)) continue;
    notes.push(
      note(
        SETTINGS_FILE,
        GUARD_RULES.recipeDeleted,
        `Ubuntu ${b.ubuntuVersion} (recipe ${b.recipeVersion} at base ${baseLabel}) is no longer in ${SETTINGS_FILE}: its recipe versions stay in AWS`,
      ),
    );
  }
  return { components, recipes, notes };
}

/**
 * What an ImageRecipe version freezes and settings.json controls: the ordered components (with the
 * versions of our own), AWS-managed ARNs (not their settings names), the parent image and the root volume size. Undefined when a
 * component's version is unknown on either side.
 */
export function recipeChanges(
  base: RecipeFact,
  work: RecipeFact,
  baseVersion: (key: string) => string | undefined,
  workVersion: (key: string) => string | undefined,
  pending: (key: string) => boolean = () => false,
): string[] | undefined {
  const changes: string[] = [];
  if (base.baseAmi !== work.baseAmi) changes.push(`base_ami ${base.baseAmi} -> ${work.baseAmi}`);
  if (base.rootVolumeSizeGiB !== work.rootVolumeSizeGiB) {
    changes.push(`root_volume_size ${base.rootVolumeSizeGiB} -> ${work.rootVolumeSizeGiB} GiB`);
  }
  const pendingNames = new Set(
    work.steps.flatMap((s) => (s.kind === "own" && pending(s.key) ? [s.settingsName] : [])),
  );
  // AWS sees an AWS-managed step as its ARN only: one renamed in settings.json with the same ARN is
  // the same step, so it is matched to base by ARN (under base's name) before steps are compared.
  const baseNameOfArn = new Map(
    base.steps.flatMap((s) => (s.kind === "managed" ? [[s.arn, s.settingsName] as const] : [])),
  );
  const workNames = new Set(work.steps.map((s) => s.settingsName));
  const nameOf = (fact: RecipeFact, step: RecipeFact["steps"][number]) => {
    if (fact !== work || step.kind !== "managed") return step.settingsName;
    const baseName = baseNameOfArn.get(step.arn);
    return baseName !== undefined && !workNames.has(baseName) ? baseName : step.settingsName;
  };
  const describeSteps = (fact: RecipeFact, version: (key: string) => string | undefined) => {
    const out = new Map<string, string>();
    for (const step of fact.steps) {
      if (step.kind === "managed") {
        out.set(nameOf(fact, step), step.arn);
        continue;
      }
      const v = version(step.key);
      if (v === undefined) return undefined;
      out.set(step.settingsName, v);
    }
    return out;
  };
  const before = describeSteps(base, baseVersion);
  const after = describeSteps(work, workVersion);
  if (before === undefined || after === undefined) return undefined;

  for (const [name, value] of after) {
    const old = before.get(name);
    if (old === undefined) changes.push(`added ${name}`);
    else if (old !== value)
      changes.push(`${name} ${old} -> ${value}${pendingNames.has(name) ? " once bumped" : ""}`);
  }
  for (const name of before.keys()) if (!after.has(name)) changes.push(`removed ${name}`);
  const commonOrder = (names: string[], other: Map<string, string>) =>
    names.filter((n) => other.has(n)).join("\n");
  if (commonOrder([...before.keys()], after) !== commonOrder([...after.keys()], before))
    changes.push("components reordered");
  return changes;
}

/** The guard's findings as problems whose messages say exactly what to set, and to what. */
export function guardProblems(analysis: VersionAnalysis, baseLabel: string): Problem[] {
  const run = "(run npm run bump)";
  const out: Problem[] = [];
  for (const f of analysis.components) {
    const line = f.work.document?.versionLine;
    const who = `component "${f.work.settingsName}" (Ubuntu ${f.work.ubuntuVersion})`;
    if (f.kind === "not-bumped") {
      out.push(
        problem(
          f.work.file,
          GUARD_RULES.componentNotBumped,
          `${who}: content changed but component_version is still ${f.workVersion} (base ${baseLabel}: ${f.baseVersion}); bump it to ${f.fix} ${run}`,
          line,
        ),
      );
    } else if (f.kind === "reused") {
      out.push(
        problem(
          f.work.file,
          GUARD_RULES.componentVersionReused,
          `${who} now uses ${f.work.file}, whose content differs from ${f.base.file} at base ${baseLabel}, under the same component_version ${f.workVersion}: ` +
            `a version names one document for good; bump it to ${f.fix} ${run}`,
          line,
        ),
      );
    } else {
      const what = f.fix === f.baseVersion ? `set it back to ${f.fix}` : `set it to ${f.fix}`;
      out.push(
        problem(
          f.work.file,
          GUARD_RULES.componentVersionDecreased,
          `${who}: component_version went down from ${f.baseVersion} (base ${baseLabel}) to ${f.workVersion}; versions only go up, ${what} ${run}`,
          line,
        ),
      );
    }
  }
  for (const f of analysis.recipes) {
    const changed = f.changes.length > 0 ? ` (${f.changes.join("; ")})` : "";
    if (f.kind === "not-bumped") {
      out.push(
        problem(
          SETTINGS_FILE,
          GUARD_RULES.recipeNotBumped,
          `Ubuntu ${f.work.ubuntuVersion}: the recipe changed${changed} but recipe_version is still ${f.work.recipeVersion} ` +
            `(base ${baseLabel}: ${f.base.recipeVersion}); bump it to ${f.fix} ${run}`,
          f.work.recipeVersionLine,
        ),
      );
    } else {
      const what = f.fix === f.base.recipeVersion ? `set it back to ${f.fix}` : `set it to ${f.fix}`;
      out.push(
        problem(
          SETTINGS_FILE,
          GUARD_RULES.recipeVersionDecreased,
          `Ubuntu ${f.work.ubuntuVersion}: recipe_version went down from ${f.base.recipeVersion} (base ${baseLabel}) to ${f.work.recipeVersion}${changed}; ` +
            `versions only go up, ${what} ${run}`,
          f.work.recipeVersionLine,
        ),
      );
    }
  }
  return [...out, ...analysis.notes];
}
