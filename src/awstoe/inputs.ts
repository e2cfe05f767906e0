/** A step's `inputs` against the shape, keys and types its action module documents. */
import { type ActionModule, type InputKeySpec, type InputValueType } from "./actionModules";
import { validateCondition } from "./conditions";
import { type DocPath, type Reporter } from "./reporter";
import {
  describe,
  didYouMean,
  isInteger,
  isMapping,
  isWholeReference,
  type Mapping,
  isScalar,
} from "./values";

export const INPUTS_SHAPE = "awstoe/inputs-shape";
export const MISSING_INPUT = "awstoe/missing-input";
export const INPUT_TYPE = "awstoe/input-type";
export const INPUT_VALUE = "awstoe/input-value";
export const UNKNOWN_INPUT = "awstoe/unknown-input";
export const ASSERT = "awstoe/assert";

export function validateInputs(
  step: Mapping,
  stepPath: DocPath,
  module: ActionModule,
  where: string,
  reporter: Reporter,
): void {
  const at = [...stepPath, "inputs"];
  const inputs = step.inputs;
  const absent = !("inputs" in step) || inputs === null;
  if (absent) {
    if (!module.inputsOptional) {
      reporter.report(
        "inputs" in step ? at : stepPath,
        MISSING_INPUT,
        `${where}: action "${module.name}" needs inputs${requiredKeysHint(module)}`,
      );
    }
    return;
  }
  switch (module.inputs) {
    case "condition":
      validateCondition(inputs, at, reporter, {
        rule: ASSERT,
        where: `${where}: Assert inputs`,
        allowThenElse: false,
      });
      return;
    case "object":
      if (!isMapping(inputs)) {
        reporter.report(
          at,
          INPUTS_SHAPE,
          `${where}: action "${module.name}" takes inputs as a mapping, got ${describe(inputs)}`,
        );
        return;
      }
      checkKeys(inputs, at, module, where, reporter);
      return;
    case "list":
      if (!Array.isArray(inputs)) {
        reporter.report(
          at,
          INPUTS_SHAPE,
          `${where}: action "${module.name}" takes inputs as a list of mappings (one "- ${firstKey(module)}: ..." per item), got ${describe(inputs)}`,
        );
        return;
      }
      if (inputs.length === 0) {
        reporter.report(
          at,
          INPUTS_SHAPE,
          `${where}: action "${module.name}" needs at least one item in inputs`,
        );
      }
      inputs.forEach((item, i) => {
        if (!isMapping(item)) {
          reporter.report(
            [...at, i],
            INPUTS_SHAPE,
            `${where}: inputs item ${i} of action "${module.name}" must be a mapping, got ${describe(item)}`,
          );
        } else {
          checkKeys(item, [...at, i], module, where, reporter);
        }
      });
      return;
  }
}

function checkKeys(
  inputs: Mapping,
  at: DocPath,
  module: ActionModule,
  where: string,
  reporter: Reporter,
): void {
  const known = Object.keys(module.keys);
  for (const [key, spec] of Object.entries(module.keys)) {
    if (!(key in inputs) || inputs[key] === null) {
      if (spec.required) {
        reporter.report(at, MISSING_INPUT, `${where}: action "${module.name}" needs input "${key}"`);
      }
      continue;
    }
    checkValue(inputs[key], [...at, key], key, spec, module, where, reporter);
  }
  if (module.exactlyOneOf !== undefined) {
    const given = module.exactlyOneOf.filter((k) => k in inputs);
    if (given.length !== 1) {
      const options = module.exactlyOneOf.map((k) => `"${k}"`).join(" or ");
      reporter.report(
        at,
        given.length === 0 ? MISSING_INPUT : INPUT_VALUE,
        `${where}: action "${module.name}" needs exactly one of ${options}, got ${given.length === 0 ? "neither" : "both"}`,
      );
    }
  }
  for (const key of Object.keys(inputs)) {
    if (!known.includes(key)) {
      reporter.note(
        [...at, key],
        UNKNOWN_INPUT,
        `${where}: input "${key}" is not documented for action "${module.name}"${didYouMean(key, known)}`,
      );
    }
  }
}

function checkValue(
  value: unknown,
  at: DocPath,
  key: string,
  spec: InputKeySpec,
  module: ActionModule,
  where: string,
  reporter: Reporter,
): void {
  if (!hasType(value, spec.type)) {
    reporter.report(
      at,
      INPUT_TYPE,
      `${where}: input "${key}" of action "${module.name}" must be ${TYPE_NAMES[spec.type]}, got ${describe(value)}` +
        (isMapping(value) ? ` (quote values that contain "{{ }}")` : ""),
    );
    return;
  }
  if (spec.allowed !== undefined && typeof value === "string" && !isWholeReference(value)) {
    const lower = spec.allowed.map((a) => a.toLowerCase());
    if (!lower.includes(value.toLowerCase())) {
      reporter.report(
        at,
        INPUT_VALUE,
        `${where}: input "${key}" of action "${module.name}" is "${value}", expected one of ${spec.allowed.join(", ")}` +
          didYouMean(value, spec.allowed),
      );
    }
  }
}

const TYPE_NAMES: Readonly<Record<InputValueType, string>> = {
  string: "a string",
  stringList: "a list of strings",
  boolean: "true or false",
  integer: "an integer",
  map: "a mapping of strings",
  nameValueList: 'a list of mappings with "name" and "value"',
  scalarOrList: "a value or a list of values",
};

function hasType(value: unknown, type: InputValueType): boolean {
  switch (type) {
    case "string":
      return isScalar(value);
    case "stringList":
      return Array.isArray(value) && value.every(isScalar);
    case "boolean":
      return (
        typeof value === "boolean" ||
        isWholeReference(value) ||
        (typeof value === "string" && /^(true|false)$/i.test(value))
      );
    case "integer":
      return (
        isInteger(value) || isWholeReference(value) || (typeof value === "string" && /^-?\d+$/.test(value))
      );
    case "map":
      return isMapping(value) && Object.values(value).every(isScalar);
    case "nameValueList":
      return (
        Array.isArray(value) &&
        value.every((item) => isMapping(item) && isScalar(item.name) && isScalar(item.value))
      );
    case "scalarOrList":
      return isScalar(value) || (Array.isArray(value) && value.every(isScalar));
  }
}

function firstKey(module: ActionModule): string {
  return Object.keys(module.keys)[0] ?? "key";
}

function requiredKeysHint(module: ActionModule): string {
  const required = Object.entries(module.keys)
    .filter(([, spec]) => spec.required)
    .map(([key]) => `"${key}"`);
  return required.length > 0 ? ` (${required.join(", ")})` : "";
}
