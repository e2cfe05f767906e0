/**
 * `{{ }}` references: parameters and constants (`{{ Name }}`), loop iteration variables
 * (`{{ loop.value }}`, `{{ myLoop.index }}`) and chaining expressions
 * (`{{ phase.step.inputs[0].destination }}`, `{{ phase.step.outputs.stdout }}`).
 */
import { type ActionModule } from "./actionModules";
import { type DocPath, type Reporter } from "./reporter";
import { didYouMean, isMapping } from "./values";

export const UNDEFINED_VARIABLE = "awstoe/undefined-variable";

export interface StepOutline {
  readonly name: string;
  readonly module: ActionModule | undefined;
  readonly loopName: string | undefined;
}

export interface PhaseOutline {
  readonly name: string;
  readonly steps: readonly StepOutline[];
}

/** What a reference inside one step can see. */
export interface ReferenceScope {
  /** Declared parameter and constant names. */
  readonly variables: readonly string[];
  readonly phases: readonly PhaseOutline[];
  readonly phaseIndex: number;
  readonly stepIndex: number;
  readonly hasLoop: boolean;
  /** Where the message says the reference is, e.g. `step "X" in phase "build"`. */
  readonly where: string;
}

const REFERENCE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const ITERATION_MEMBERS = ["index", "value"];
const CHAIN_SEGMENT = /^(inputs|outputs)(?:\[(\d+)\])?$/;

/** The trimmed expressions inside every `{{ }}` in a string. */
export function referencesIn(text: string): string[] {
  return [...text.matchAll(REFERENCE)].map((m) => m[1]);
}

/** Checks every `{{ }}` in every string inside `value` (recursively). */
export function checkReferences(
  value: unknown,
  at: DocPath,
  scope: ReferenceScope,
  reporter: Reporter,
): void {
  if (typeof value === "string") {
    for (const expression of referencesIn(value)) {
      const error = resolve(expression, scope);
      if (error === undefined) continue;
      const message = `${scope.where}: reference "{{ ${expression} }}" ${error}`;
      // AWSTOE leaves a loop variable outside a loop as it is: almost surely a mistake, but not invalid.
      if (error === NO_LOOP) reporter.note(at, UNDEFINED_VARIABLE, message);
      else reporter.report(at, UNDEFINED_VARIABLE, message);
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkReferences(item, [...at, i], scope, reporter));
  } else if (isMapping(value)) {
    for (const [key, item] of Object.entries(value)) checkReferences(item, [...at, key], scope, reporter);
  }
}

const NO_LOOP = "is a loop variable, but this step has no loop (AWSTOE leaves it unreplaced)";

/** What a reference can be made of: names ([A-Za-z0-9_-]), dots and `[index]`. */
const REFERENCE_TEXT = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+(?:\[\d+\])?)*$/;

/** Undefined when the expression resolves, else the reason it does not. */
function resolve(expression: string, scope: ReferenceScope): string | undefined {
  // Anything else, like docker's `{{.Names}}` or `{{ json .State }}`, is Go-template text for the
  // command itself, not an AWSTOE reference.
  if (!REFERENCE_TEXT.test(expression)) return undefined;
  const parts = expression.split(".");
  if (parts.length === 1) {
    return scope.variables.includes(expression)
      ? undefined
      : `does not name a declared parameter or constant${didYouMean(expression, scope.variables)}`;
  }
  const current = scope.phases[scope.phaseIndex].steps[scope.stepIndex];
  if (parts.length === 2) {
    const [head, member] = parts;
    const isOwnLoop = head === "loop" || (current.loopName !== undefined && head === current.loopName);
    if (isOwnLoop) {
      if (!scope.hasLoop) return NO_LOOP;
      return ITERATION_MEMBERS.includes(member)
        ? undefined
        : `names "${member}"; loop variables are "index" and "value"${didYouMean(member, ITERATION_MEMBERS)}`;
    }
    const owner = scope.phases[scope.phaseIndex].steps.find((s) => s.loopName === head);
    if (owner !== undefined)
      return `refers to the loop of step "${owner.name}"; a step can only use its own loop`;
    return `does not name this step's loop or a declared variable`;
  }
  return resolveChain(parts, scope);
}

function resolveChain(parts: string[], scope: ReferenceScope): string | undefined {
  const [phaseName, stepName, segment, field] = parts;
  const chain = CHAIN_SEGMENT.exec(segment);
  if (chain === null) {
    return `is not a chaining expression of the form phase.step.inputs[i].name or phase.step.outputs.name`;
  }
  const phaseIndex = scope.phases.findIndex((p) => p.name === phaseName);
  if (phaseIndex < 0) {
    return `names phase "${phaseName}", which is not in this document${didYouMean(
      phaseName,
      scope.phases.map((p) => p.name),
    )}`;
  }
  const phase = scope.phases[phaseIndex];
  const stepIndex = phase.steps.findIndex((s) => s.name === stepName);
  if (stepIndex < 0) {
    return `names step "${stepName}", which is not in phase "${phaseName}"${didYouMean(
      stepName,
      phase.steps.map((s) => s.name),
    )}`;
  }
  const earlier =
    phaseIndex < scope.phaseIndex || (phaseIndex === scope.phaseIndex && stepIndex < scope.stepIndex);
  if (!earlier) return `refers to step "${stepName}" in phase "${phaseName}", which does not run earlier`;
  const fromStage = stageOf(phaseName);
  const toStage = stageOf(scope.phases[scope.phaseIndex].name);
  if (fromStage !== undefined && toStage !== undefined && fromStage !== toStage) {
    return `chains from the ${fromStage} stage into the ${toStage} stage, which Image Builder runs separately`;
  }
  const module = phase.steps[stepIndex].module;
  if (chain[1] === "outputs" && module?.outputs !== undefined && field !== undefined) {
    if (module.outputs.length === 0) return `names an output, but action "${module.name}" has no outputs`;
    if (!module.outputs.includes(field)) {
      return `names output "${field}", which action "${module.name}" does not have (it has ${module.outputs
        .map((o) => `"${o}"`)
        .join(", ")})`;
    }
  }
  return undefined;
}

/** Image Builder runs build and validate in its build stage, test phases in its test stage. */
function stageOf(phase: string): "build" | "test" | undefined {
  if (phase === "build" || phase === "validate") return "build";
  if (phase === "test" || phase === "container-host-test") return "test";
  return undefined;
}
