import { formatProblem, Problem } from "../validation/problem";
import { InputChange, PlanDiff, ResourceChange } from "./diffPlans";
import { numbered, recipeComponentLabels } from "./inputSummary";
import { Plan, PlannedResource } from "./planDocument";
import { formatPair, formatValue, lineChanges } from "./formatValue";
import { resourceLine } from "./renderPlanText";

export interface BaseDescription {
  /** As given on the command line, e.g. `main`. */
  readonly ref: string;
  readonly commit: string;
}

/**
 * What a change does, the way a reviewer reads a preview on a pull request: one line per resource
 * added (+), updated (~), replaced (+-) or removed (-), changed inputs as old → new, then the
 * errors AWS would answer with.
 */
export function renderDiffText(
  base: BaseDescription,
  head: Plan,
  diff: PlanDiff,
  errors: readonly Problem[],
): string {
  const replace = diff.changed.filter((c) => c.action === "replace").length;
  const lines = [
    `Changes to stack ${head.stack} (account ${head.account}, ${head.region}) from ${base.ref} (${base.commit.slice(0, 12)}): ` +
      `${diff.added.length} to add, ${replace} to replace, ${diff.changed.length - replace} to update, ` +
      `${diff.removed.length} to remove, ${diff.unchanged} unchanged`,
  ];
  const changed = new Map(diff.changed.map((c) => [c.urn, c]));
  const added = new Set(diff.added.map((r) => r.urn));
  for (const r of head.resources) {
    const c = changed.get(r.urn);
    if (c) lines.push(...renderChange(c));
    else if (added.has(r.urn)) lines.push(...renderResource("+", r, "create"));
  }
  for (const r of diff.removed) {
    lines.push(
      ...renderResource("-", r, r.retainOnDelete ? "delete from the stack (retained in AWS)" : "delete"),
    );
  }
  if (diff.added.length + diff.changed.length + diff.removed.length === 0) lines.push("No changes.");
  if (diff.outputs.length > 0) {
    lines.push("", "Outputs:");
    for (const o of diff.outputs) {
      const [a, b] = formatPair(o.old, o.new);
      lines.push(`  ~ ${o.path}: ${a} → ${b}`);
    }
  }
  lines.push(...errorLines(errors));
  return `${lines.join("\n")}\n`;
}

/** The errors AWS would answer with, as the closing section of the text output ("" when none). */
export function renderChangeErrors(errors: readonly Problem[]): string {
  const lines = errorLines(errors);
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}

function errorLines(errors: readonly Problem[]): string[] {
  if (errors.length === 0) return [];
  return [
    "",
    `This change would fail in AWS (${errors.length} error(s)):`,
    ...errors.map((p) => `  ${formatProblem(p)}`),
  ];
}

function renderResource(sign: string, r: PlannedResource, action: string): string[] {
  const { head, details = [] } = resourceLine(r);
  return [`${sign} ${head}  (${action})`, ...details.map((d) => `      ${d}`)];
}

function renderChange(c: ResourceChange): string[] {
  const sign = c.action === "replace" ? "+-" : "~";
  const retained = c.action === "replace" && c.old.retainOnDelete ? ", the old one retained in AWS" : "";
  const lines = [`${sign} ${c.type} ${c.name}  (${c.action}${retained})`];
  for (const change of c.changes) lines.push(...renderInputChange(c.type, change).map((l) => `    ${l}`));
  return lines;
}

function renderInputChange(type: string, c: InputChange): string[] {
  const mark = c.replaces ? "  [forces replacement]" : "";
  if (type === "aws:imagebuilder/imageRecipe:ImageRecipe" && c.path === "components") {
    return [
      `${c.path}:${mark}`,
      "  before:",
      ...numbered(recipeComponentLabels(c.old)).map((l) => `    ${l}`),
      "  after:",
      ...numbered(recipeComponentLabels(c.new)).map((l) => `    ${l}`),
    ];
  }
  if (
    typeof c.old === "string" &&
    typeof c.new === "string" &&
    (c.old.includes("\n") || c.new.includes("\n"))
  ) {
    return [`${c.path}: changed${mark}`, ...lineChanges(c.old, c.new).map((l) => `  ${l}`)];
  }
  if (c.old === undefined || c.new === undefined) {
    return [`${c.path}: ${formatValue(c.old)} → ${formatValue(c.new)}${mark}`];
  }
  const [a, b] = formatPair(c.old, c.new);
  return [`${c.path}: ${a} → ${b}${mark}`];
}
