/**
 * Looping constructs: `loop` with an optional `name` and exactly one of
 * `for: {start, end, updateBy}` (integers, no references, must terminate) or
 * `forEach`, either a list of strings or `{list, delimiter}`.
 */
import { type DocPath, type Reporter } from "./reporter";
import { describe, didYouMean, isInteger, isMapping } from "./values";

export const LOOP = "awstoe/loop";

/** The single delimiter characters `forEach` with a delimited list accepts. */
export const LOOP_DELIMITERS: readonly string[] = [".", ",", ";", ":", "\n", "\t", " ", "-", "_"];

const LOOP_KEYS = ["name", "for", "forEach"];
const FOR_KEYS = ["start", "end", "updateBy"];
const DELIMITED_KEYS = ["list", "delimiter"];

/** Validates a step's `loop`; returns its name when it has a valid one. */
export function validateLoop(
  loop: unknown,
  at: DocPath,
  where: string,
  reporter: Reporter,
): string | undefined {
  if (!isMapping(loop)) {
    reporter.report(
      at,
      LOOP,
      `${where}: loop must be a mapping with "for" or "forEach", got ${describe(loop)}`,
    );
    return undefined;
  }
  for (const key of Object.keys(loop)) {
    if (!LOOP_KEYS.includes(key)) {
      reporter.report(
        [...at, key],
        LOOP,
        `${where}: "${key}" is not a loop field${didYouMean(key, LOOP_KEYS)}`,
      );
    }
  }
  let name: string | undefined;
  if ("name" in loop) {
    if (typeof loop.name === "string" && loop.name.trim() !== "") name = loop.name;
    else
      reporter.report(
        [...at, "name"],
        LOOP,
        `${where}: loop name must be a non-empty string, got ${describe(loop.name)}`,
      );
    if (name === "loop") {
      reporter.report([...at, "name"], LOOP, `${where}: loop name "loop" is reserved for {{ loop.* }}`);
      name = undefined;
    }
  }
  const kinds = ["for", "forEach"].filter((k) => k in loop);
  if (kinds.length !== 1) {
    reporter.report(
      at,
      LOOP,
      `${where}: loop needs exactly one of "for" or "forEach", found ${kinds.length === 0 ? "neither" : "both"}`,
    );
    return name;
  }
  if (kinds[0] === "for") validateFor(loop.for, [...at, "for"], where, reporter);
  else validateForEach(loop.forEach, [...at, "forEach"], where, reporter);
  return name;
}

function validateFor(spec: unknown, at: DocPath, where: string, reporter: Reporter): void {
  if (!isMapping(spec)) {
    reporter.report(
      at,
      LOOP,
      `${where}: "for" must be a mapping with start, end and updateBy, got ${describe(spec)}`,
    );
    return;
  }
  for (const key of Object.keys(spec)) {
    if (!FOR_KEYS.includes(key)) {
      reporter.report(
        [...at, key],
        LOOP,
        `${where}: "${key}" is not a "for" field${didYouMean(key, FOR_KEYS)}`,
      );
    }
  }
  let valid = true;
  for (const key of FOR_KEYS) {
    if (!(key in spec)) {
      reporter.report(at, LOOP, `${where}: "for" needs "${key}"`);
      valid = false;
    } else if (!isInteger(spec[key])) {
      reporter.report(
        [...at, key],
        LOOP,
        `${where}: "for" ${key} must be an integer (references are not accepted), got ${describe(spec[key])}`,
      );
      valid = false;
    }
  }
  if (!valid) return;
  const { start, end, updateBy } = spec as { start: number; end: number; updateBy: number };
  if (updateBy === 0) {
    reporter.report([...at, "updateBy"], LOOP, `${where}: "for" updateBy must not be 0`);
  } else if ((end - start) * updateBy < 0) {
    reporter.report(
      [...at, "updateBy"],
      LOOP,
      `${where}: "for" from ${start} to ${end} by ${updateBy} never reaches its end`,
    );
  }
}

function validateForEach(spec: unknown, at: DocPath, where: string, reporter: Reporter): void {
  if (Array.isArray(spec)) {
    if (spec.length === 0) reporter.report(at, LOOP, `${where}: "forEach" list is empty`);
    spec.forEach((item, i) => {
      if (typeof item !== "string" && typeof item !== "number") {
        reporter.report([...at, i], LOOP, `${where}: "forEach" items must be strings, got ${describe(item)}`);
      }
    });
    return;
  }
  if (!isMapping(spec)) {
    reporter.report(
      at,
      LOOP,
      `${where}: "forEach" must be a list of strings or a mapping with "list" and "delimiter", got ${describe(spec)}`,
    );
    return;
  }
  for (const key of Object.keys(spec)) {
    if (!DELIMITED_KEYS.includes(key)) {
      reporter.report(
        [...at, key],
        LOOP,
        `${where}: "${key}" is not a "forEach" field${didYouMean(key, DELIMITED_KEYS)}`,
      );
    }
  }
  if (typeof spec.list !== "string") {
    reporter.report(
      "list" in spec ? [...at, "list"] : at,
      LOOP,
      `${where}: "forEach" needs "list" as a string, got ${describe(spec.list)}`,
    );
  }
  if (
    "delimiter" in spec &&
    !(typeof spec.delimiter === "string" && LOOP_DELIMITERS.includes(spec.delimiter))
  ) {
    reporter.report(
      [...at, "delimiter"],
      LOOP,
      `${where}: "forEach" delimiter ${describe(spec.delimiter)} must be one character of ${JSON.stringify(LOOP_DELIMITERS.join(""))}`,
    );
  }
}
