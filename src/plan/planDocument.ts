import { ProgramRun } from "./evaluateProgram";

/**
 * The plan as data: what `npm run plan -- --json` prints. docs/plan.md documents it; bump
 * PLAN_FORMAT_VERSION on any change a consumer could notice (renamed or removed fields, new meanings).
 */
export const PLAN_FORMAT_VERSION = 1;

export interface PlannedResource {
  /** The resource's URN as the mocks compute it (the same shape `pulumi preview` shows). */
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** Parent URN, or null for top-level resources. */
  readonly parent: string | null;
  /** False for ComponentResources, which have no inputs of their own. */
  readonly custom: boolean;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly retainOnDelete: boolean;
  readonly deleteBeforeReplace: boolean;
}

export interface Plan {
  readonly planFormatVersion: typeof PLAN_FORMAT_VERSION;
  readonly kind: "plan";
  readonly project: string;
  readonly stack: string;
  readonly account: string;
  readonly region: string;
  /** In registration order: a parent always comes before its children. */
  readonly resources: readonly PlannedResource[];
  readonly outputs: Readonly<Record<string, unknown>>;
  /** Resource count per type, types sorted by name. */
  readonly resourceCounts: Readonly<Record<string, number>>;
}

export interface PlanContext {
  readonly project: string;
  readonly stack: string;
  readonly account: string;
  readonly region: string;
}

export function toPlan(run: ProgramRun, context: PlanContext): Plan {
  const resources = run.resources.map((r): PlannedResource => ({
    urn: r.urn,
    type: r.type,
    name: r.name,
    parent: r.parent ?? null,
    custom: r.custom,
    inputs: r.inputs,
    retainOnDelete: r.retainOnDelete,
    deleteBeforeReplace: r.deleteBeforeReplace,
  }));
  return {
    planFormatVersion: PLAN_FORMAT_VERSION,
    kind: "plan",
    ...context,
    resources,
    outputs: run.outputs,
    resourceCounts: countByType(resources),
  };
}

export function countByType(resources: readonly { readonly type: string }[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
