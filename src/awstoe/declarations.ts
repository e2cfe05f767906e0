/**
 * The `parameters` and `constants` sections: lists of single-key mappings, the key being the
 * variable's name (3-128 characters of A-Z a-z 0-9 - _, unique across both sections).
 */
import { type DocPath, type Reporter } from "./reporter";
import { describe, didYouMean, isMapping, isScalar } from "./values";

export const VARIABLE_NAME = "awstoe/variable-name";
export const DUPLICATE_VARIABLE = "awstoe/duplicate-variable";

const NAME_PATTERN = /^[A-Za-z0-9_-]{3,128}$/;
const SUPPORTED_TYPES = ["string"];

interface SectionSpec {
  readonly section: "parameters" | "constants";
  readonly singular: string;
  readonly keys: readonly string[];
  readonly required: readonly string[];
}

const SECTIONS: readonly SectionSpec[] = [
  {
    section: "parameters",
    singular: "parameter",
    keys: ["type", "default", "description"],
    required: ["type"],
  },
  { section: "constants", singular: "constant", keys: ["type", "value"], required: ["type", "value"] },
];

/** Validates both sections and returns every declared name (valid or not, for resolving references). */
export function validateDeclarations(doc: Record<string, unknown>, reporter: Reporter): string[] {
  const declared = new Map<string, string>();
  for (const spec of SECTIONS) {
    if (!(spec.section in doc)) continue;
    const rule = `awstoe/${spec.section}`;
    const list = doc[spec.section];
    const at: DocPath = [spec.section];
    if (!Array.isArray(list)) {
      reporter.report(
        at,
        rule,
        `${spec.section} must be a list of single-key mappings (- Name: {type: string}), got ${describe(list)}`,
      );
      continue;
    }
    list.forEach((item, i) => {
      const itemPath = [...at, i];
      if (!isMapping(item) || Object.keys(item).length !== 1) {
        reporter.report(
          itemPath,
          rule,
          `${spec.section} item ${i} must be a mapping with exactly one key, the ${spec.singular}'s name`,
        );
        return;
      }
      const [name] = Object.keys(item);
      const definition = item[name];
      const defPath = [...itemPath, name];
      if (!NAME_PATTERN.test(name)) {
        reporter.report(
          defPath,
          VARIABLE_NAME,
          `${spec.singular} name "${name}" must be 3-128 characters of letters, digits, "-" and "_"`,
        );
      }
      const previous = declared.get(name);
      if (previous !== undefined) {
        reporter.report(
          defPath,
          DUPLICATE_VARIABLE,
          `${spec.singular} "${name}" is already declared as a ${previous}`,
        );
      } else {
        declared.set(name, spec.singular);
      }
      if (!isMapping(definition)) {
        reporter.report(
          defPath,
          rule,
          `${spec.singular} "${name}" must be a mapping with ${spec.required.join(" and ")}, got ${describe(definition)}`,
        );
        return;
      }
      for (const key of Object.keys(definition)) {
        if (!spec.keys.includes(key)) {
          reporter.report(
            [...defPath, key],
            rule,
            `${spec.singular} "${name}": "${key}" is not a ${spec.singular} field${didYouMean(key, spec.keys)}`,
          );
        }
      }
      for (const key of spec.required) {
        if (!(key in definition)) reporter.report(defPath, rule, `${spec.singular} "${name}" needs "${key}"`);
      }
      if ("type" in definition && !SUPPORTED_TYPES.includes(definition.type as string)) {
        reporter.report(
          [...defPath, "type"],
          rule,
          `${spec.singular} "${name}" has type ${describe(definition.type)}; the supported type is "string"`,
        );
      }
      for (const key of ["default", "value", "description"]) {
        if (key in definition && !isScalar(definition[key])) {
          reporter.report(
            [...defPath, key],
            rule,
            `${spec.singular} "${name}": ${key} must be a string, got ${describe(definition[key])}`,
          );
        }
      }
    });
  }
  return [...declared.keys()];
}
