/**
 * Conditional expressions, shared by the `if` construct and the Assert action module: exactly one
 * comparison operator or logical operator (`and`, `or`, `not`) at each level, logical operators
 * nested at most four levels deep.
 */
import { type DocPath, type Reporter } from "./reporter";
import { describe, didYouMean, isMapping, isScalar } from "./values";

/** Comparisons that test one value, e.g. `binaryExists: apt-get`. */
const SINGLE_VALUE = ["stringIsEmpty", "stringIsWhitespace", "binaryExists", "fileExists", "folderExists"];
/** Comparisons of a baseline with `value`, e.g. `stringEquals: x` + `value: '{{ ... }}'`. */
const WITH_VALUE = [
  "stringEquals",
  "stringLessThan",
  "stringLessThanEquals",
  "stringGreaterThan",
  "stringGreaterThanEquals",
  "patternMatches",
  "numberEquals",
  "numberLessThan",
  "numberLessThanEquals",
  "numberGreaterThan",
  "numberGreaterThanEquals",
];
/**
 * Comparisons of a file's hash. The parts of the guide available here did not settle whether the
 * file is given as `path` or `value`, so either is accepted (exactly one).
 */
const WITH_PATH = ["fileMD5Equals", "fileSHA1Equals", "fileSHA256Equals", "fileSHA512Equals"];
const LIST_OPERATORS = ["and", "or"];
const LOGICAL = [...LIST_OPERATORS, "not"];

export const CONDITION_OPERATORS: readonly string[] = [
  ...SINGLE_VALUE,
  ...WITH_VALUE,
  ...WITH_PATH,
  ...LOGICAL,
];

export const MAX_LOGICAL_DEPTH = 4;

/** `then`/`else` step actions of the `if` construct. */
export const IF_STEP_ACTIONS: readonly string[] = ["Abort", "Execute", "Skip"];

export interface ConditionOptions {
  rule: string;
  /** Prefix naming where the expression sits, e.g. `step "X" in phase "build": if`. */
  where: string;
  /** Top level of an `if`: `then` and `else` are allowed beside the operator. */
  allowThenElse: boolean;
}

export function validateCondition(
  expr: unknown,
  exprPath: DocPath,
  reporter: Reporter,
  options: ConditionOptions,
): void {
  check(expr, exprPath, 0, options.allowThenElse);

  function check(node: unknown, at: DocPath, depth: number, topLevel: boolean): void {
    const { rule, where } = options;
    if (!isMapping(node)) {
      reporter.report(at, rule, `${where}: expected an operator mapping, got ${describe(node)}`);
      return;
    }
    const keys = Object.keys(node);
    const operators = keys.filter((k) => CONDITION_OPERATORS.includes(k));
    if (operators.length !== 1) {
      const unknown = keys.filter((k) => !CONDITION_OPERATORS.includes(k) && !isOperand(k, topLevel));
      const hint =
        unknown.length > 0
          ? `; "${unknown[0]}" is not an operator${didYouMean(unknown[0], CONDITION_OPERATORS)}`
          : "";
      const found = operators.length === 0 ? "none" : operators.map((o) => `"${o}"`).join(", ");
      reporter.report(
        at,
        rule,
        `${where}: expected exactly one comparison or logical operator, found ${found}${hint}`,
      );
      return;
    }
    const operator = operators[0];
    const allowedKeys = new Set<string>([operator]);
    if (WITH_VALUE.includes(operator)) allowedKeys.add("value");
    if (WITH_PATH.includes(operator)) {
      allowedKeys.add("path");
      allowedKeys.add("value");
    }
    if (topLevel) {
      allowedKeys.add("then");
      allowedKeys.add("else");
    }
    for (const key of keys) {
      if (!allowedKeys.has(key)) {
        reporter.report([...at, key], rule, `${where}: "${key}" is not allowed with operator "${operator}"`);
      }
    }
    for (const branch of ["then", "else"]) {
      if (topLevel && branch in node && !IF_STEP_ACTIONS.includes(node[branch] as string)) {
        reporter.report(
          [...at, branch],
          rule,
          `${where}: ${branch} ${describe(node[branch])} must be one of ${IF_STEP_ACTIONS.join(", ")}` +
            didYouMean(node[branch], IF_STEP_ACTIONS),
        );
      }
    }
    const operand = node[operator];
    const operandPath = [...at, operator];
    if (LOGICAL.includes(operator)) {
      if (depth + 1 > MAX_LOGICAL_DEPTH) {
        reporter.report(
          operandPath,
          rule,
          `${where}: logical operator "${operator}" is nested deeper than ${MAX_LOGICAL_DEPTH} levels`,
        );
        return;
      }
      if (operator === "not") {
        check(operand, operandPath, depth + 1, false);
        return;
      }
      if (!Array.isArray(operand) || operand.length === 0) {
        reporter.report(
          operandPath,
          rule,
          `${where}: "${operator}" takes a non-empty list of expressions, got ${describe(operand)}`,
        );
        return;
      }
      operand.forEach((child, i) => check(child, [...operandPath, i], depth + 1, false));
      return;
    }
    if (!isScalar(operand)) {
      reporter.report(
        operandPath,
        rule,
        `${where}: "${operator}" takes a single value, got ${describe(operand)}`,
      );
    }
    if (WITH_PATH.includes(operator) && "path" in node === "value" in node) {
      reporter.report(at, rule, `${where}: "${operator}" needs the file as exactly one of "path" or "value"`);
      return;
    }
    const second = WITH_VALUE.includes(operator)
      ? "value"
      : WITH_PATH.includes(operator)
        ? "path" in node
          ? "path"
          : "value"
        : undefined;
    if (second !== undefined) {
      if (!(second in node)) {
        reporter.report(at, rule, `${where}: "${operator}" needs a "${second}" to compare with`);
      } else if (!isScalar(node[second])) {
        reporter.report(
          [...at, second],
          rule,
          `${where}: "${second}" must be a single value, got ${describe(node[second])}`,
        );
      }
    }
  }
}

function isOperand(key: string, topLevel: boolean): boolean {
  return key === "value" || key === "path" || (topLevel && (key === "then" || key === "else"));
}
