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
  | {
      readonly ok: false;
      readonly problems: Problem[];
      /** Present when the YAML itself was readable, so its structure can still be checked. */
      readonly structure?: Pick<ComponentDocument, "document" | "parsed">;
    };

/**
 * Parses one component file: YAML syntax, `component_version`, and the serialized size.
 * AWSTOE structure is checked separately (validateAwstoeDocument) on `document`.
 */
export function parseComponentDocument(text: string, file: string): ComponentDocumentResult {
  let parsed: ParsedYaml;
  try {
    // Numbers keep their source text until the document has been serialized for upload.
    parsed = parseYamlWithLines(text, AS_WRITTEN_SCHEMA);
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
  const { [VERSION_KEY]: _version, ...asWritten } = root as Record<string, unknown>;
  const data = serialize(asWritten);
  // From here on, the values validators expect: the CORE schema's numbers, same objects (and lines).
  readNumbers(root);
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
  if (data.length > MAX_INLINE_DATA) {
    problems.push(
      problem(
        file,
        "imagebuilder/data-size",
        `the serialized document is ${data.length} characters; Image Builder accepts at most ${MAX_INLINE_DATA} inline`,
      ),
    );
  }
  if (problems.length > 0) return { ok: false, problems, structure: { document, parsed } };
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

/** An int or float exactly as written: YAML readers turn `22.10` into 22.1 and `0755` into 755. */
class NumberAsWritten {
  constructor(
    readonly text: string,
    readonly read: () => unknown,
  ) {}
}

const coreTypes = (yaml as unknown as { types: Record<"int" | "float", yaml.Type> }).types;

function asWritten(tag: string, core: yaml.Type): yaml.Type {
  return new yaml.Type(tag, {
    kind: "scalar",
    resolve: (data: string) => core.resolve(data),
    construct: (data: string) => new NumberAsWritten(data, () => core.construct(data)),
    instanceOf: NumberAsWritten,
    represent: (value: object) => (value as NumberAsWritten).text,
  });
}

/** The core schema, but numbers keep their source text, so serializing changes no value. */
const AS_WRITTEN_SCHEMA = yaml.CORE_SCHEMA.extend({
  implicit: [
    asWritten("tag:yaml.org,2002:int", coreTypes.int),
    asWritten("tag:yaml.org,2002:float", coreTypes.float),
  ],
});

/** The document as uploaded: stable YAML with keys in source order and every scalar as written. */
function serialize(document: Record<string, unknown>): string {
  return yaml.dump(document, { lineWidth: -1, noRefs: true, schema: AS_WRITTEN_SCHEMA });
}

/** Replaces, in place, each number kept as written by the value the CORE schema reads. */
function readNumbers(node: unknown): void {
  if (typeof node !== "object" || node === null) return;
  const entries: [string | number, unknown][] = Array.isArray(node)
    ? node.map((v, i) => [i, v])
    : Object.entries(node);
  for (const [key, value] of entries) {
    if (value instanceof NumberAsWritten) {
      (node as Record<string | number, unknown>)[key] = value.read();
    } else {
      readNumbers(value);
    }
  }
}
