import * as yaml from "js-yaml";
import { summarizeInputs } from "./inputSummary";
import { Plan, PlannedResource } from "./planDocument";

/**
 * The plan as a tree for people: each ComponentResource with its children, the inputs a reviewer
 * cares about, the stack outputs and a count by type. Stable: the same plan renders the same text.
 */
export function renderPlanText(plan: Plan): string {
  const lines: string[] = [
    `Plan for stack ${plan.stack} (account ${plan.account}, ${plan.region}): ${plan.resources.length} resources`,
  ];
  lines.push(...renderTree(plan.resources, (r) => resourceLine(r)));
  lines.push("", "Outputs:", ...renderOutputs(plan.outputs).map((l) => `  ${l}`));
  lines.push("", `Resources by type: ${countsLine(plan.resourceCounts)}`);
  return `${lines.join("\n")}\n`;
}

export interface TreeLine {
  readonly head: string;
  readonly details?: readonly string[];
}

/**
 * Draws resources as a tree by parent URN, children in registration order. Linear in the number
 * of resources; a resource whose parent is not in the list is drawn at the top level.
 */
export function renderTree(
  resources: readonly PlannedResource[],
  line: (r: PlannedResource) => TreeLine,
): string[] {
  const urns = new Set(resources.map((r) => r.urn));
  const children = new Map<string | null, PlannedResource[]>();
  for (const r of resources) {
    const parent = r.parent !== null && urns.has(r.parent) ? r.parent : null;
    let siblings = children.get(parent);
    if (!siblings) children.set(parent, (siblings = []));
    siblings.push(r);
  }
  const out: string[] = [];
  const visit = (parent: string | null, indent: string) => {
    const siblings = children.get(parent) ?? [];
    siblings.forEach((r, i) => {
      const last = i === siblings.length - 1;
      const { head, details = [] } = line(r);
      out.push(`${indent}${last ? "└─ " : "├─ "}${head}`);
      const childIndent = `${indent}${last ? "   " : "│  "}`;
      const hasChildren = (children.get(r.urn)?.length ?? 0) > 0;
      for (const d of details) out.push(`${childIndent}${hasChildren ? "│  " : "   "}  ${d}`);
      visit(r.urn, childIndent);
    });
  };
  visit(null, "");
  return out;
}

/** `type name  key=value ... retainOnDelete`, with the summary's detail lines. */
export function resourceLine(r: PlannedResource): TreeLine {
  if (!r.custom) return { head: `${r.type} ${r.name}` };
  const summary = summarizeInputs(r.type, r.inputs);
  const flags = [
    r.retainOnDelete ? "retainOnDelete" : "",
    r.deleteBeforeReplace ? "deleteBeforeReplace" : "",
  ].filter(Boolean);
  // The physical name is only worth showing where it differs from the logical one.
  const fields = summary.fields.filter((f) => f !== `name=${r.name}`);
  const tail = [...fields, ...flags].join(" ");
  return { head: tail ? `${r.type} ${r.name}  ${tail}` : `${r.type} ${r.name}`, details: summary.details };
}

export function renderOutputs(outputs: Readonly<Record<string, unknown>>): string[] {
  return yaml.dump(outputs, { lineWidth: -1, noRefs: true, sortKeys: false }).trimEnd().split("\n");
}

/** `12 aws:imagebuilder/component:Component, 2 ...`, most numerous first. */
export function countsLine(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts)
    .sort(([ta, a], [tb, b]) => b - a || (ta < tb ? -1 : ta > tb ? 1 : 0))
    .map(([type, n]) => `${n} ${type}`)
    .join(", ");
}
