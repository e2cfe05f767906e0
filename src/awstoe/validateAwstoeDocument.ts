/**
 * Structural validation of a parsed AWSTOE component document, following the AWSTOE user guide:
 * document schema, phases and steps, action modules and their inputs, step fields, loops,
 * conditionals and `{{ }}` references. Pure: no I/O. Returns every problem at once.
 *
 * The caller removes this project's own top-level key (`component_version`) first, and checks
 * Image Builder names, versions and document size itself.
 */
import { type Problem } from "../validation/problem";
import { ACTION_MODULE_NAMES, actionModule, type ActionModule } from "./actionModules";
import { validateCondition } from "./conditions";
import { validateDeclarations } from "./declarations";
import { validateInputs } from "./inputs";
import { LOOP, validateLoop } from "./loops";
import { Reporter, type AwstoeContext, type DocPath } from "./reporter";
import { describe, didYouMean, isInteger, isMapping, type Mapping } from "./values";
import { checkReferences, type PhaseOutline, type StepOutline } from "./variables";

export type { AwstoeContext } from "./reporter";

export const TOP_LEVEL_KEYS: readonly string[] = [
  "name",
  "description",
  "schemaVersion",
  "parameters",
  "constants",
  "phases",
];
/** Documents must have at least one of these phases; other phase names are allowed too. */
export const STANDARD_PHASES: readonly string[] = ["build", "validate", "test"];
export const STEP_KEYS: readonly string[] = [
  "name",
  "action",
  "timeoutSeconds",
  "onFailure",
  "maxAttempts",
  "inputs",
  "loop",
  "if",
];
export const ON_FAILURE_VALUES: readonly string[] = ["Abort", "Continue", "Ignore"];

export function validateAwstoeDocument(doc: unknown, ctx: AwstoeContext): Problem[] {
  const reporter = new Reporter(ctx);
  if (!isMapping(doc)) {
    reporter.report([], "awstoe/document", `an AWSTOE document must be a mapping, got ${describe(doc)}`);
    return reporter.problems;
  }
  validateTopLevel(doc, reporter);
  const variables = validateDeclarations(doc, reporter);
  validatePhases(doc, variables, reporter);
  return reporter.problems;
}

function validateTopLevel(doc: Mapping, reporter: Reporter): void {
  for (const key of Object.keys(doc)) {
    if (!TOP_LEVEL_KEYS.includes(key)) {
      reporter.report(
        [key],
        "awstoe/unknown-top-level-key",
        `"${key}" is not an AWSTOE document key${didYouMean(key, TOP_LEVEL_KEYS)}; expected ${TOP_LEVEL_KEYS.join(", ")}`,
      );
    }
  }
  for (const key of ["name", "description"]) {
    if (key in doc && typeof doc[key] !== "string") {
      reporter.report(
        [key],
        "awstoe/top-level-type",
        `document ${key} must be a string, got ${describe(doc[key])}`,
      );
    }
  }
  if (!("schemaVersion" in doc)) {
    reporter.report([], "awstoe/schema-version", `schemaVersion is required (schemaVersion: 1.0)`);
  } else if (doc.schemaVersion !== 1 && doc.schemaVersion !== "1.0") {
    reporter.report(
      ["schemaVersion"],
      "awstoe/schema-version",
      `schemaVersion ${describe(doc.schemaVersion)} is not supported; AWSTOE documents use 1.0`,
    );
  }
}

interface StepEntry {
  readonly step: Mapping;
  readonly path: DocPath;
  readonly where: string;
  readonly module: ActionModule | undefined;
  readonly phaseIndex: number;
  readonly stepIndex: number;
}

function validatePhases(doc: Mapping, variables: string[], reporter: Reporter): void {
  if (!("phases" in doc)) {
    reporter.report(
      [],
      "awstoe/phases",
      `phases is required: a list of phases such as build, validate and test`,
    );
    return;
  }
  const phases = doc.phases;
  if (!Array.isArray(phases) || phases.length === 0) {
    reporter.report(
      ["phases"],
      "awstoe/phases",
      `phases must be a non-empty list of phases, got ${describe(phases)}`,
    );
    return;
  }
  const outline: PhaseOutline[] = [];
  const entries: StepEntry[] = [];
  const seenPhases = new Set<string>();
  phases.forEach((phase, phaseIndex) => {
    const at: DocPath = ["phases", phaseIndex];
    const steps: StepOutline[] = [];
    const name = isMapping(phase) && typeof phase.name === "string" ? phase.name : `#${phaseIndex + 1}`;
    outline.push({ name, steps });
    if (!isMapping(phase)) {
      reporter.report(
        at,
        "awstoe/phases",
        `phase ${phaseIndex + 1} must be a mapping with name and steps, got ${describe(phase)}`,
      );
      return;
    }
    for (const key of Object.keys(phase)) {
      if (key !== "name" && key !== "steps") {
        reporter.report(
          [...at, key],
          "awstoe/phases",
          `phase "${name}": "${key}" is not a phase field (expected name, steps)`,
        );
      }
    }
    if (typeof phase.name !== "string" || phase.name.trim() === "") {
      reporter.report(
        at,
        "awstoe/phases",
        `phase ${phaseIndex + 1} needs a name, got ${describe(phase.name)}`,
      );
    } else if (seenPhases.has(phase.name)) {
      reporter.report(
        [...at, "name"],
        "awstoe/duplicate-phase",
        `phase "${phase.name}" is defined more than once`,
      );
    } else {
      seenPhases.add(phase.name);
    }
    if (!Array.isArray(phase.steps)) {
      reporter.report(
        "steps" in phase ? [...at, "steps"] : at,
        "awstoe/phases",
        `phase "${name}" needs steps as a list, got ${describe(phase.steps)}`,
      );
      return;
    }
    collectSteps(phase.steps, at, name, phaseIndex, steps, entries, reporter);
  });
  if (![...seenPhases].some((p) => STANDARD_PHASES.includes(p))) {
    reporter.report(
      ["phases"],
      "awstoe/no-standard-phase",
      `a document needs at least one of the phases ${STANDARD_PHASES.join(", ")}; found ${
        seenPhases.size === 0 ? "none" : [...seenPhases].map((p) => `"${p}"`).join(", ")
      }${didYouMean([...seenPhases][0], STANDARD_PHASES)}`,
    );
  }
  for (const entry of entries) validateStep(entry, outline, variables, reporter);
}

/** First pass: step names, uniqueness and loop names, so references can look ahead and back. */
function collectSteps(
  steps: unknown[],
  phasePath: DocPath,
  phaseName: string,
  phaseIndex: number,
  outline: StepOutline[],
  entries: StepEntry[],
  reporter: Reporter,
): void {
  const seenSteps = new Set<string>();
  const loopNames = new Map<string, string>();
  steps.forEach((step, stepIndex) => {
    const at: DocPath = [...phasePath, "steps", stepIndex];
    if (!isMapping(step)) {
      reporter.report(
        at,
        "awstoe/step",
        `step ${stepIndex + 1} in phase "${phaseName}" must be a mapping, got ${describe(step)}`,
      );
      outline.push({ name: `#${stepIndex + 1}`, module: undefined, loopName: undefined });
      return;
    }
    const hasName = typeof step.name === "string" && step.name.trim() !== "";
    const name = hasName ? (step.name as string) : `#${stepIndex + 1}`;
    const where = hasName
      ? `step "${name}" in phase "${phaseName}"`
      : `step ${stepIndex + 1} in phase "${phaseName}"`;
    if (!hasName) {
      reporter.report(
        "name" in step ? [...at, "name"] : at,
        "awstoe/step-name",
        `${where} needs a name, got ${describe(step.name)}`,
      );
    } else if (seenSteps.has(name)) {
      reporter.report(
        [...at, "name"],
        "awstoe/duplicate-step",
        `${where}: step name "${name}" is already used in this phase`,
      );
    } else {
      seenSteps.add(name);
    }
    let loopName: string | undefined;
    if ("loop" in step) {
      loopName = validateLoop(step.loop, [...at, "loop"], where, reporter);
      if (loopName !== undefined) {
        const owner = loopNames.get(loopName);
        if (owner !== undefined) {
          reporter.report(
            [...at, "loop", "name"],
            LOOP,
            `${where}: loop name "${loopName}" is already used by step "${owner}" in this phase`,
          );
        } else {
          loopNames.set(loopName, name);
        }
      }
    }
    const module = actionModule(step.action);
    outline.push({ name, module, loopName });
    entries.push({ step, path: at, where, module, phaseIndex, stepIndex });
  });
}

function validateStep(
  entry: StepEntry,
  outline: PhaseOutline[],
  variables: string[],
  reporter: Reporter,
): void {
  const { step, path: at, where, module } = entry;
  for (const key of Object.keys(step)) {
    if (!STEP_KEYS.includes(key)) {
      reporter.report(
        [...at, key],
        "awstoe/unknown-step-key",
        `${where}: "${key}" is not a step field${didYouMean(key, STEP_KEYS)}`,
      );
    }
  }
  if (!("action" in step)) {
    reporter.report(at, "awstoe/unknown-action", `${where} needs an action`);
  } else if (module === undefined) {
    reporter.report(
      [...at, "action"],
      "awstoe/unknown-action",
      `${where}: action ${describe(step.action)} is not an AWSTOE action module${didYouMean(step.action, ACTION_MODULE_NAMES)}`,
    );
  } else if (reporter.platform !== undefined && !module.platforms.includes(reporter.platform)) {
    reporter.report(
      [...at, "action"],
      "awstoe/platform",
      `${where}: action "${module.name}" runs on ${module.platforms.join(", ")}, not on ${reporter.platform} components`,
    );
  }
  if ("onFailure" in step && !ON_FAILURE_VALUES.includes(step.onFailure as string)) {
    reporter.report(
      [...at, "onFailure"],
      "awstoe/on-failure",
      `${where}: onFailure ${describe(step.onFailure)} must be one of ${ON_FAILURE_VALUES.join(", ")}${didYouMean(step.onFailure, ON_FAILURE_VALUES)}`,
    );
  }
  validateStepNumbers(step, at, where, module, reporter);
  if ("if" in step) {
    validateCondition(step.if, [...at, "if"], reporter, {
      rule: "awstoe/if",
      where: `${where}: if`,
      allowThenElse: true,
    });
  }
  if (module !== undefined) validateInputs(step, at, module, where, reporter);

  const scope = {
    variables,
    phases: outline,
    phaseIndex: entry.phaseIndex,
    stepIndex: entry.stepIndex,
    hasLoop: isMapping(step.loop),
    where,
  };
  if ("inputs" in step) checkReferences(step.inputs, [...at, "inputs"], scope, reporter);
  if (isMapping(step.loop) && "forEach" in step.loop) {
    checkReferences(step.loop.forEach, [...at, "loop", "forEach"], scope, reporter);
  }
  if ("if" in step) checkReferences(step.if, [...at, "if"], scope, reporter);
}

function validateStepNumbers(
  step: Mapping,
  at: DocPath,
  where: string,
  module: ActionModule | undefined,
  reporter: Reporter,
): void {
  if ("timeoutSeconds" in step) {
    const value = step.timeoutSeconds;
    const path = [...at, "timeoutSeconds"];
    if (module?.unsupportedStepFields?.includes("timeoutSeconds")) {
      reporter.report(
        path,
        "awstoe/timeout-seconds",
        `${where}: action "${module.name}" does not support timeoutSeconds`,
      );
    } else if (!isInteger(value) || (value !== -1 && value < 1)) {
      reporter.report(
        path,
        "awstoe/timeout-seconds",
        `${where}: timeoutSeconds ${describe(value)} must be a positive integer, or -1 for no timeout`,
      );
    } else if (
      module?.fixedStepFields?.timeoutSeconds !== undefined &&
      value !== module.fixedStepFields.timeoutSeconds
    ) {
      reporter.report(
        path,
        "awstoe/timeout-seconds",
        `${where}: action "${module.name}" only allows timeoutSeconds ${module.fixedStepFields.timeoutSeconds}, got ${value}`,
      );
    }
  }
  if ("maxAttempts" in step) {
    const value = step.maxAttempts;
    const path = [...at, "maxAttempts"];
    if (!isInteger(value) || value < 1) {
      reporter.report(
        path,
        "awstoe/max-attempts",
        `${where}: maxAttempts ${describe(value)} must be a positive integer`,
      );
    } else if (
      module?.fixedStepFields?.maxAttempts !== undefined &&
      value !== module.fixedStepFields.maxAttempts
    ) {
      reporter.report(
        path,
        "awstoe/max-attempts",
        `${where}: action "${module.name}" only allows maxAttempts ${module.fixedStepFields.maxAttempts}, got ${value}`,
      );
    }
  }
}
