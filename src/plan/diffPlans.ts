import { Plan, PlannedResource } from "./planDocument";
import { forcesReplacement } from "./replacementRules";

/** One changed input: `path` like `components`, `tags.recipe_version` or `distributions[1].region`. */
export interface InputChange {
  readonly path: string;
  /** Absent (undefined) when the input was not set before. */
  readonly old?: unknown;
  /** Absent (undefined) when the input is no longer set. */
  readonly new?: unknown;
  /** Whether this change alone forces a replacement (replacementRules). */
  readonly replaces: boolean;
}

export interface ResourceChange {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parent: string | null;
  readonly action: "update" | "replace";
  readonly changes: readonly InputChange[];
  readonly old: PlannedResource;
  readonly new: PlannedResource;
}

/** A changed stack output: `path` like `recipes.24.04.version`. */
export interface OutputChange {
  readonly path: string;
  readonly old?: unknown;
  readonly new?: unknown;
}

export interface PlanDiff {
  readonly added: readonly PlannedResource[];
  readonly removed: readonly PlannedResource[];
  /** In the head plan's order. */
  readonly changed: readonly ResourceChange[];
  readonly unchanged: number;
  /** What consumers reading the stack outputs (StackReference) will see change. */
  readonly outputs: readonly OutputChange[];
}

/**
 * Inputs compared as one value: their order is their meaning (a recipe's component list), so a
 * reorder is shown as the old and new list rather than as element-by-element edits.
 */
const WHOLE_VALUE_INPUTS: Readonly<Record<string, readonly string[]>> = {
  "aws:imagebuilder/imageRecipe:ImageRecipe": ["components"],
};

/**
 * What going from `base` to `head` does, resource by resource, matched by URN: added, removed,
 * changed (with each changed input path and whether it forces a replacement), and how many are
 * unchanged. Linear in the size of both plans.
 */
export function diffPlans(base: Plan, head: Plan): PlanDiff {
  const before = new Map(base.resources.map((r) => [r.urn, r]));
  const headUrns = new Set(head.resources.map((r) => r.urn));
  const added: PlannedResource[] = [];
  const changed: ResourceChange[] = [];
  let unchanged = 0;
  for (const r of head.resources) {
    const old = before.get(r.urn);
    if (!old) {
      added.push(r);
      continue;
    }
    const changes = diffInputs(r.type, old, r);
    if (changes.length === 0) {
      unchanged++;
      continue;
    }
    const replace = changes.some((c) => c.replaces);
    changed.push({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent,
      action: replace ? "replace" : "update",
      changes,
      old,
      new: r,
    });
  }
  const removed = base.resources.filter((r) => !headUrns.has(r.urn));
  const outputChanges: InputChange[] = [];
  for (const key of unionKeys(base.outputs, head.outputs)) {
    diffValue(key, base.outputs[key], head.outputs[key], false, outputChanges);
  }
  const outputs = outputChanges.map(({ replaces: _, ...change }): OutputChange => change);
  return { added, removed, changed, unchanged, outputs };
}

function diffInputs(type: string, old: PlannedResource, head: PlannedResource): InputChange[] {
  const out: InputChange[] = [];
  const whole = WHOLE_VALUE_INPUTS[type] ?? [];
  for (const key of unionKeys(old.inputs, head.inputs)) {
    const replaces = forcesReplacement(type, key);
    const a = old.inputs[key];
    const b = head.inputs[key];
    if (whole.includes(key)) {
      if (!deepEqual(a, b)) out.push(change(key, a, b, replaces));
    } else {
      diffValue(key, a, b, replaces, out);
    }
  }
  return out;
}

function diffValue(path: string, a: unknown, b: unknown, replaces: boolean, out: InputChange[]): void {
  if (isObject(a) && isObject(b)) {
    for (const key of unionKeys(a, b)) diffValue(`${path}.${key}`, a[key], b[key], replaces, out);
  } else if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((item, i) => diffValue(`${path}[${i}]`, item, b[i], replaces, out));
  } else if (!deepEqual(a, b)) {
    out.push(change(path, a, b, replaces));
  }
}

function change(path: string, a: unknown, b: unknown, replaces: boolean): InputChange {
  return {
    path,
    ...(a === undefined ? {} : { old: a }),
    ...(b === undefined ? {} : { new: b }),
    replaces,
  };
}

function unionKeys(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): string[] {
  const keys = Object.keys(a);
  for (const k of Object.keys(b)) if (!(k in a)) keys.push(k);
  return keys.sort();
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}
