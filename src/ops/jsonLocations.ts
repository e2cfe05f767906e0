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
