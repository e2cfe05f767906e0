import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { validateAwstoeDocument } from "../../src/awstoe/validateAwstoeDocument";
import { parseYamlWithLines } from "../../src/documents/yamlWithLines";
import { formatProblem } from "../../src/validation/problem";

const ROOT = join(__dirname, "..", "..");
const COMPONENTS = join(ROOT, "components");
const INLINE_DATA_LIMIT = 16_000;

function componentFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return componentFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

interface Step {
  name: string;
  action: string;
  inputs?: { commands?: string[] };
}

function load(path: string): {
  doc: Record<string, unknown>;
  lineOf: (p: readonly (string | number)[]) => number | undefined;
} {
  const parsed = parseYamlWithLines(readFileSync(path, "utf8"));
  return { doc: parsed.value as Record<string, unknown>, lineOf: parsed.lineOf };
}

const files = componentFiles(COMPONENTS).sort();

describe("components/", () => {
  it("has the same component set for every Ubuntu release", () => {
    const releases = readdirSync(COMPONENTS).sort();
    assert.deepEqual(releases, ["22.04", "24.04"]);
    const sets = releases.map((r) => readdirSync(join(COMPONENTS, r)).sort().join(","));
    assert.equal(new Set(sets).size, 1, `component sets differ: ${sets.join(" | ")}`);
  });

  for (const path of files) {
    const file = relative(ROOT, path);
    describe(file, () => {
      it("is a valid AWSTOE document once component_version is removed", () => {
        const { doc, lineOf } = load(path);
        assert.match(String(doc.component_version), /^\d+\.\d+\.\d+$/);
        delete doc.component_version;
        const problems = validateAwstoeDocument(doc, { file, lineOf });
        assert.deepEqual(problems.map(formatProblem), []);
      });

      it("fits in inline component data", () => {
        assert.ok(readFileSync(path, "utf8").length < INLINE_DATA_LIMIT);
      });

      it("has ExecuteBash commands that bash can parse", () => {
        const { doc } = load(path);
        for (const phase of doc.phases as { name: string; steps: Step[] }[]) {
          for (const step of phase.steps.filter((s) => s.action === "ExecuteBash")) {
            // AWSTOE substitutes {{ }} references before bash sees the script.
            const script = (step.inputs?.commands ?? []).join("\n").replace(/\{\{[^{}]*\}\}/g, "value");
            try {
              execFileSync("bash", ["-n"], { input: script, stdio: ["pipe", "ignore", "pipe"] });
            } catch (err) {
              assert.fail(
                `${phase.name}/${step.name}: ${String((err as { stderr?: Buffer }).stderr ?? err)}`,
              );
            }
          }
        }
      });
    });
  }
});
