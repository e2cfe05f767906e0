import * as yaml from "js-yaml";

export type YamlPath = readonly (string | number)[];

export interface ParsedYaml {
  readonly value: unknown;
  /** Best 1-based line for a path into the value: the key's line, else the nearest enclosing node's. */
  lineOf(path: YamlPath): number | undefined;
}

export class YamlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
  ) {
    super(message);
    this.name = "YamlSyntaxError";
  }
}

/**
 * Parses YAML and remembers where each mapping and sequence starts, using js-yaml's parse
 * listener, so validators can point at a line without a second parser.
 */
export function parseYamlWithLines(text: string, schema: yaml.Schema = yaml.CORE_SCHEMA): ParsedYaml {
  const nodeLines = new WeakMap<object, number>();
  /** Line where the parser left each node: its key lookups stop there. */
  const nodeEnds = new WeakMap<object, number>();
  const openLines: number[] = [];
  let value: unknown;
  try {
    value = yaml.load(text, {
      schema,
      listener(event, state) {
        if (event === "open") {
          openLines.push(state.line);
          return;
        }
        const line = openLines.pop();
        const result: unknown = state.result;
        if (line !== undefined && typeof result === "object" && result !== null && !nodeLines.has(result)) {
          nodeLines.set(result, line + 1);
          nodeEnds.set(result, state.line + 1);
        }
      },
    });
  } catch (err) {
    if (err instanceof yaml.YAMLException) {
      const line = err.mark ? err.mark.line + 1 : undefined;
      throw new YamlSyntaxError(err.reason || err.message, line);
    }
    throw err;
  }
  const lines = text.split(/\r?\n/);

  const keyLine = (from: number, to: number, key: string): number | undefined => {
    const pattern = new RegExp(`^\\s*(?:-\\s+)*["']?${escapeRegExp(key)}["']?\\s*:`);
    for (let i = from - 1; i < Math.min(to, lines.length); i++) {
      if (pattern.test(lines[i])) return i + 1;
    }
    return undefined;
  };

  return {
    value,
    lineOf(path) {
      let node: unknown = value;
      let best = typeof value === "object" && value !== null ? nodeLines.get(value) : 1;
      for (const segment of path) {
        if (typeof node !== "object" || node === null) break;
        const parentLine = nodeLines.get(node) ?? best;
        const child: unknown = (node as Record<string | number, unknown>)[segment];
        const childLine = typeof child === "object" && child !== null ? nodeLines.get(child) : undefined;
        const present = Object.prototype.hasOwnProperty.call(node, segment);
        if (typeof segment === "string" && !Array.isArray(node) && parentLine !== undefined && present) {
          const end = nodeEnds.get(node) ?? lines.length;
          best = keyLine(parentLine, end, segment) ?? childLine ?? parentLine;
        } else {
          best = childLine ?? parentLine;
        }
        node = child;
      }
      return best;
    },
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
