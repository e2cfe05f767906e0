import { createHash } from "node:crypto";
import * as yaml from "js-yaml";
import { describe, versionProblem } from "../imagebuilder/version";
import { Problem, problem } from "../validation/problem";
import { ParsedYaml, YamlSyntaxError, parseYamlWithLines } from "./yamlWithLines";

/** The one key this project adds to AWSTOE documents; it never reaches AWS. */
export const VERSION_KEY = "component_version";

/** Image Builder's limit for inline component `data`. */
export const MAX_INLINE_DATA = 16_000;

export interface ComponentDocument {
  /** The document as AWSTOE sees it: `component_version` removed. */
  readonly document: Record<string, unknown>;
  readonly version: string;
  /** Canonical YAML of `document`: comments and formatting do not survive, so they never change AWS. */
  readonly data: string;
  /** sha256 of `data`: equal hashes mean equal content for the version guard. */
  readonly contentHash: string;
  readonly description: string | undefined;
  readonly parsed: ParsedYaml;
}

export type ComponentDocumentResult =
  | { readonly ok: true; readonly value: ComponentDocument }
  | { readonly ok: false; readonly problems: Problem[] };

/**
 * Parses one component file: YAML syntax, `component_version`, and the serialized size.
 * AWSTOE structure is checked separately (validateAwstoeDocument) on `document`.
 */
export function parseComponentDocument(text: string, file: string): ComponentDocumentResult {
  let parsed: ParsedYaml;
  try {
    parsed = parseYamlWithLines(text);
  } catch (err) {
    if (err instanceof YamlSyntaxError) {
      return {
        ok: false,
        problems: [problem(file, "yaml/syntax", `malformed YAML: ${err.message}`, err.line)],
      };
    }
    throw err;
  }
  const root = parsed.value;
  if (typeof root !== "object" || root === null || Array.isArray(root)) {
    return {
      ok: false,
      problems: [
        problem(
          file,
          "component/not-a-mapping",
          `the document must be a YAML mapping, got ${describe(root)}`,
          1,
        ),
      ],
    };
  }
  const problems: Problem[] = [];
  const { [VERSION_KEY]: rawVersion, ...document } = root as Record<string, unknown>;
  const bad = rawVersion === undefined ? `is missing` : versionProblem(rawVersion);
  if (bad !== undefined) {
    problems.push(
      problem(
        file,
        "component/version",
        `${VERSION_KEY} ${bad}: every component document carries its own version, e.g. "${VERSION_KEY}: 1.0.0"`,
        parsed.lineOf(rawVersion === undefined ? [] : [VERSION_KEY]),
      ),
    );
  }
  const data = canonicalData(document);
  if (data.length > MAX_INLINE_DATA) {
    problems.push(
      problem(
        file,
        "imagebuilder/data-size",
        `the serialized document is ${data.length} characters; Image Builder accepts at most ${MAX_INLINE_DATA} inline`,
      ),
    );
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      document,
      version: rawVersion as string,
      data,
      contentHash: createHash("sha256").update(data).digest("hex"),
      description: typeof document.description === "string" ? document.description : undefined,
      parsed,
    },
  };
}

/**
 * The document as uploaded: stable YAML with keys in source order. `schemaVersion: 1.0` parses as the
 * number 1, which AWSTOE would reject, so it is written back as the string "1.0".
 */
export function canonicalData(document: Record<string, unknown>): string {
  const out = document.schemaVersion === 1 ? { ...document, schemaVersion: "1.0" } : document;
  return yaml.dump(out, { lineWidth: -1, noRefs: true, schema: yaml.CORE_SCHEMA });
}
