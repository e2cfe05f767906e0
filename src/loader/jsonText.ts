import { ParsedYaml, parseYamlWithLines } from "../documents/yamlWithLines";

export type JsonParseResult =
  | { ok: true; value: unknown; lineOf: ParsedYaml["lineOf"] }
  | { ok: false; message: string; line: number | undefined };

/**
 * Strict JSON parsing (JSON.parse decides what is valid) with line lookup for later errors:
 * JSON is YAML, so the YAML parser's position tracking finds the lines.
 */
export function parseJsonWithLines(text: string): JsonParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    return { ok: false, message, line: lineFromJsonError(text, message) };
  }
  try {
    return { ok: true, value, lineOf: parseYamlWithLines(text).lineOf };
  } catch {
    return { ok: true, value, lineOf: () => undefined };
  }
}

function lineFromJsonError(text: string, message: string): number | undefined {
  const lineCol = /line (\d+) column \d+/.exec(message);
  if (lineCol) return Number(lineCol[1]);
  const position = /at position (\d+)/.exec(message);
  if (position) return text.slice(0, Number(position[1])).split("\n").length;
  if (/Unexpected end of JSON input/.test(message)) return text.split("\n").length;
  return undefined;
}
