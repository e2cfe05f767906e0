import * as assert from "node:assert/strict";
import * as yaml from "js-yaml";
import { MAX_INLINE_DATA, parseComponentDocument } from "../../src/documents/componentDocument";
import { parseYamlWithLines } from "../../src/documents/yamlWithLines";

const FILE = "components/24.04/hello.yml";
const DOC = `# Says hello.
component_version: 1.2.3
name: hello
description: Says hello
schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: Hello
        action: ExecuteBash
        inputs:
          commands:
            - echo hello
`;

function ok(text: string) {
  const result = parseComponentDocument(text, FILE);
  if (!result.ok) assert.fail(`expected a valid document, got ${JSON.stringify(result.problems)}`);
  return result.value;
}

function problems(text: string) {
  const result = parseComponentDocument(text, FILE);
  if (result.ok) assert.fail("expected problems");
  return result.problems;
}

describe("component documents", () => {
  it("takes the version from component_version and removes it from the data", () => {
    const doc = ok(DOC);
    assert.equal(doc.version, "1.2.3");
    assert.equal(doc.description, "Says hello");
    assert.ok(!doc.data.includes("component_version"));
    assert.deepEqual(Object.keys(doc.document), ["name", "description", "schemaVersion", "phases"]);
  });

  it("uploads every scalar as written: schemaVersion stays 1.0, numbers keep their digits", () => {
    const doc = ok(
      DOC.replace(
        "description: Says hello",
        "description: Says hello\nconstants:\n  - Release:\n      type: string\n      value: 22.10",
      ).replace("- echo hello", "- echo hello\n            - 0755"),
    );
    assert.match(doc.data, /^schemaVersion: 1\.0$/m);
    assert.match(doc.data, /^ {6}value: 22\.10$/m);
    assert.match(doc.data, /^ {12}- 0755$/m);
    const data = yaml.load(doc.data, { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>;
    assert.equal(data.schemaVersion, 1);
    assert.deepEqual(data.phases, [
      {
        name: "build",
        steps: [{ name: "Hello", action: "ExecuteBash", inputs: { commands: ["echo hello", 755] } }],
      },
    ]);
  });

  it("sees a number written differently as a content change", () => {
    assert.notEqual(
      ok(DOC.replace("schemaVersion: 1.0", "schemaVersion: 1.00")).contentHash,
      ok(DOC).contentHash,
    );
  });

  it("gives comment- and whitespace-only edits the same data and hash", () => {
    const edited = DOC.replace("# Says hello.", "# Greets the world.\n\n")
      .replace("    steps:", "    # the only step\n    steps:")
      .replace("- echo hello", "-   echo hello   ");
    assert.equal(ok(edited).data, ok(DOC).data);
    assert.equal(ok(edited).contentHash, ok(DOC).contentHash);
  });

  it("gives a version-only edit the same content hash", () => {
    assert.equal(ok(DOC.replace("1.2.3", "1.2.4")).contentHash, ok(DOC).contentHash);
  });

  it("gives a content edit a different hash", () => {
    assert.notEqual(ok(DOC.replace("echo hello", "echo hi")).contentHash, ok(DOC).contentHash);
  });

  it("reports malformed YAML with its line", () => {
    const [p] = problems(DOC.replace("description: Says hello", "name: again"));
    assert.deepEqual(p, {
      file: FILE,
      line: 4,
      rule: "yaml/syntax",
      message: "malformed YAML: duplicated mapping key",
      severity: "error",
    });
  });

  it("reports an unclosed flow sequence where the parser notices it", () => {
    const [p] = problems(DOC.replace("    steps:", "    steps: [unclosed"));
    assert.equal(p.rule, "yaml/syntax");
    // js-yaml notices the missing "]" on the line after it.
    assert.equal(p.line, 9);
  });

  it("reports a document that is not a mapping", () => {
    const [p] = problems("- just\n- a list\n");
    assert.deepEqual([p.rule, p.line], ["component/not-a-mapping", 1]);
    assert.match(p.message, /got a list/);
  });

  it("reports a missing component_version", () => {
    const [p] = problems(DOC.replace("component_version: 1.2.3\n", ""));
    assert.equal(p.rule, "component/version");
    assert.match(p.message, /component_version is missing/);
  });

  it("reports a non-semver component_version on its line, quoting it", () => {
    const [p] = problems(DOC.replace("1.2.3", '"1.2"'));
    assert.deepEqual([p.rule, p.line], ["component/version", 2]);
    assert.match(p.message, /component_version "1.2" is not X.Y.Z/);
    assert.match(p.message, /e.g. "component_version: 1.0.0"/);
  });

  it("reports a version YAML read as a number, saying so", () => {
    const [p] = problems(DOC.replace("1.2.3", "1.2"));
    assert.match(p.message, /must be a string "X.Y.Z", got number 1.2/);
  });

  it("reports data over Image Builder's inline limit, with the size", () => {
    const big =
      DOC +
      `        # padding\n` +
      `      - name: Big\n        action: ExecuteBash\n        inputs:\n          commands:\n            - echo ${"x".repeat(MAX_INLINE_DATA)}\n`;
    const all = problems(big);
    assert.deepEqual(
      all.map((p) => p.rule),
      ["imagebuilder/data-size"],
    );
    assert.match(all[0].message, /is \d+ characters; Image Builder accepts at most 16000 inline/);
  });

  it("reports every problem of a document at once", () => {
    const big =
      DOC.replace("component_version: 1.2.3\n", "") + `            - echo ${"x".repeat(MAX_INLINE_DATA)}\n`;
    assert.deepEqual(
      problems(big).map((p) => p.rule),
      ["component/version", "imagebuilder/data-size"],
    );
  });
});

describe("YAML line lookup", () => {
  const parsed = parseYamlWithLines(DOC);
  it("finds keys, list items and nested keys", () => {
    assert.equal(parsed.lineOf(["component_version"]), 2);
    assert.equal(parsed.lineOf(["phases"]), 6);
    assert.equal(parsed.lineOf(["phases", 0]), 7);
    assert.equal(parsed.lineOf(["phases", 0, "steps", 0, "action"]), 10);
    assert.equal(parsed.lineOf(["phases", 0, "steps", 0, "inputs"]), 11);
  });
  it("never points at a later sibling's key of the same name", () => {
    const two = parseYamlWithLines("first:\n  a: 1\nsecond:\n  a: 2\n  b: 3\nthird:\n  b: 4\n");
    assert.equal(two.lineOf(["first", "b"]), 1, "missing in first: the line of first, not of second.b");
    assert.equal(two.lineOf(["second", "b"]), 5);
    assert.equal(two.lineOf(["third", "b"]), 7);
  });

  it("falls back to the nearest known node for a missing key", () => {
    assert.equal(parsed.lineOf(["phases", 0, "steps", 0, "onFailure"]), 9);
  });
});
