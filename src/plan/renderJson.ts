import { Problem } from "../validation/problem";
import { PlanDiff } from "./diffPlans";
import { PLAN_FORMAT_VERSION, Plan } from "./planDocument";

/** `--base` as data (docs/plan.md): the changes, the errors, and the head's full plan. */
export interface DiffDocument {
  readonly planFormatVersion: typeof PLAN_FORMAT_VERSION;
  readonly kind: "diff";
  readonly project: string;
  readonly stack: string;
  readonly base: BaseInfo;
  readonly summary: {
    add: number;
    replace: number;
    update: number;
    remove: number;
    unchanged: number;
  } | null;
  readonly changes: readonly DiffEntry[];
  /** Changed stack outputs, each leaf path with old and new (absent when unset). */
  readonly outputChanges: readonly { path: string; old?: unknown; new?: unknown }[];
  /** Errors AWS would answer with (the change cannot deploy): non-empty means exit code 1. */
  readonly errors: readonly Problem[];
  readonly plan: Plan;
}

export interface BaseInfo {
  readonly ref: string;
  readonly commit: string;
  /** False when the base could not be evaluated; `problems`/`error` say why and `changes` is empty. */
  readonly evaluated: boolean;
  readonly problems?: readonly Problem[];
  readonly error?: string;
}

export interface DiffEntry {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parent: string | null;
  readonly action: "create" | "update" | "replace" | "delete";
  /** For replace and delete: whether the old resource stays in AWS. */
  readonly retainOnDelete: boolean;
  /** create and delete: all inputs. */
  readonly inputs?: Readonly<Record<string, unknown>>;
  /** update and replace: each changed input path. */
  readonly changedInputs?: readonly { path: string; old?: unknown; new?: unknown; replaces: boolean }[];
}

export function planJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

export function diffDocument(
  base: BaseInfo,
  head: Plan,
  diff: PlanDiff | undefined,
  errors: readonly Problem[],
): DiffDocument {
  const changes: DiffEntry[] = [];
  if (diff) {
    const changed = new Map(diff.changed.map((c) => [c.urn, c]));
    const added = new Set(diff.added.map((r) => r.urn));
    for (const r of head.resources) {
      const c = changed.get(r.urn);
      const common = { urn: r.urn, type: r.type, name: r.name, parent: r.parent };
      if (c) {
        changes.push({
          ...common,
          action: c.action,
          retainOnDelete: c.old.retainOnDelete,
          changedInputs: c.changes,
        });
      } else if (added.has(r.urn)) {
        changes.push({ ...common, action: "create", retainOnDelete: r.retainOnDelete, inputs: r.inputs });
      }
    }
    for (const r of diff.removed) {
      changes.push({
        urn: r.urn,
        type: r.type,
        name: r.name,
        parent: r.parent,
        action: "delete",
        retainOnDelete: r.retainOnDelete,
        inputs: r.inputs,
      });
    }
  }
  const replace = diff?.changed.filter((c) => c.action === "replace").length ?? 0;
  return {
    planFormatVersion: PLAN_FORMAT_VERSION,
    kind: "diff",
    project: head.project,
    stack: head.stack,
    base,
    summary: diff
      ? {
          add: diff.added.length,
          replace,
          update: diff.changed.length - replace,
          remove: diff.removed.length,
          unchanged: diff.unchanged,
        }
      : null,
    changes,
    outputChanges: diff?.outputs ?? [],
    errors,
    plan: head,
  };
}
