import { isDeepStrictEqual } from "node:util";

/**
 * A JSON value with where it sits in the text, so an editor can replace one value and leave every
 * other byte (indentation, line breaks, key order, one-line arrays) exactly as it was.
 */
export type LocatedValue =
  | {
      readonly kind: "object";
      readonly start: number;
      readonly end: number;
      readonly members: ReadonlyMap<string, LocatedValue>;
    }
  | {
      readonly kind: "array";
      readonly start: number;
      readonly end: number;
      readonly items: readonly LocatedValue[];
    }
  | { readonly kind: "scalar"; readonly start: number; readonly end: number; readonly value: unknown };

/**
 * Parses JSON text into located values. JSON.parse decides validity first (same error messages as
 * everywhere else); this scanner only records positions, `end` being one past the value's last character.
 */
export function locateJson(text: string): LocatedValue {
  JSON.parse(text);
  let i = 0;
  const skipWhitespace = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const readString = (): string => {
    const start = i;
    i++; // opening quote
    while (text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++; // closing quote
    return JSON.parse(text.slice(start, i)) as string;
  };
  const readValue = (): LocatedValue => {
    skipWhitespace();
    const start = i;
    const c = text[i];
    if (c === "{") {
      i++;
      const members = new Map<string, LocatedValue>();
      skipWhitespace();
      if (text[i] === "}") {
        i++;
        return { kind: "object", start, end: i, members };
      }
      for (;;) {
        skipWhitespace();
        const key = readString();
        skipWhitespace();
        i++; // colon
        members.set(key, readValue());
        skipWhitespace();
        if (text[i++] === "}") return { kind: "object", start, end: i, members };
      }
    }
    if (c === "[") {
      i++;
      const items: LocatedValue[] = [];
      skipWhitespace();
      if (text[i] === "]") {
        i++;
        return { kind: "array", start, end: i, items };
      }
      for (;;) {
        items.push(readValue());
        skipWhitespace();
        if (text[i++] === "]") return { kind: "array", start, end: i, items };
      }
    }
    if (c === '"') {
      const value = readString();
      return { kind: "scalar", start, end: i, value };
    }
    while (i < text.length && !",}] \t\n\r".includes(text[i])) i++;
    return { kind: "scalar", start, end: i, value: JSON.parse(text.slice(start, i)) };
  };
  return readValue();
}

/** The located value at a path of object keys, or undefined when any step is missing. */
export function locateAt(root: LocatedValue, path: readonly string[]): LocatedValue | undefined {
  let node: LocatedValue | undefined = root;
  for (const key of path) {
    if (node?.kind !== "object") return undefined;
    node = node.members.get(key);
  }
  return node;
}

/** One string value to set: `path` is the object keys down to it. */
export interface JsonStringReplacement {
  readonly path: readonly string[];
  readonly value: string;
}

/**
 * The JSON text with the string values at the given paths replaced and every other character kept
 * (indentation, line breaks, key order), for editors whose diff must be exactly the values asked for.
 * Throws, so nothing is written, when a path is missing or not a string, or when the result would
 * mean anything but the input with those values set. `file` names the text in messages.
 */
export function replaceJsonStrings(
  text: string,
  replacements: readonly JsonStringReplacement[],
  file = "JSON",
): string {
  const root = locateJson(text);
  const spans: { start: number; end: number; value: string }[] = [];
  for (const r of replacements) {
    const at = locateAt(root, r.path);
    if (at === undefined) throw new Error(`${file}: ${jsonPathText(r.path)} not found`);
    if (at.kind !== "scalar" || typeof at.value !== "string") {
      throw new Error(`${file}: ${jsonPathText(r.path)} is not a string`);
    }
    spans.push({ start: at.start, end: at.end, value: JSON.stringify(r.value) });
  }
  let result = text;
  for (const s of [...spans].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, s.start) + s.value + result.slice(s.end);
  }

  // The edit must mean exactly what was asked: the same document with only these values changed.
  const expected = JSON.parse(text) as unknown;
  for (const r of replacements) {
    let node = expected as Record<string, unknown>;
    for (const key of r.path.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[r.path[r.path.length - 1]] = r.value;
  }
  if (!isDeepStrictEqual(parsesTo(result), expected)) {
    throw new Error(
      `${file}: the edit changed more than ${replacements.map((r) => jsonPathText(r.path)).join(", ")}; nothing written`,
    );
  }
  return result;
}

function parsesTo(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `supported_ubuntu_versions["24.04"].recipe_version`. */
export function jsonPathText(path: readonly string[]): string {
  return path
    .map((key, i) =>
      /^[A-Za-z_$][\w$]*$/.test(key) ? `${i === 0 ? "" : "."}${key}` : `[${JSON.stringify(key)}]`,
    )
    .join("");
}
