import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { validateCommand } from "../../src/guard/cli";
import { validateFiles } from "../../src/guard/validateFiles";
import { formatProblem } from "../../src/validation/problem";
import { FixtureRepo, captureIo, component } from "./fixtureRepo";

describe("npm run validate", () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "guard-validate-"));
    fs.writeFileSync(path.join(dir, "good.yml"), component("good", "1.2.3", "echo hello"));
    fs.writeFileSync(path.join(dir, "bad-version.yml"), component("bad", "1.2", "echo hello"));
    fs.writeFileSync(path.join(dir, "broken.yaml"), "name: x\nphases: [\n");
    fs.writeFileSync(path.join(dir, "huge.yml"), component("huge", "1.0.0", `echo ${"x".repeat(16_000)}`));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const validate = (...files: string[]) => validateFiles(files, { cwd: dir }).map(formatProblem);

  it("accepts a valid document anywhere on disk", () => {
    assert.deepEqual(validate("good.yml", path.join(dir, "good.yml")), []);
  });

  it("reports each invalid file as given, with its line", () => {
    assert.deepEqual(validate("good.yml", "bad-version.yml", "broken.yaml", "huge.yml", "missing.yml"), [
      'bad-version.yml:5: component/version: component_version must be a string "X.Y.Z", got number 1.2: every component document carries its own version, e.g. "component_version: 1.0.0"',
      "broken.yaml:3: yaml/syntax: malformed YAML: unexpected end of the stream within a flow collection",
      "huge.yml: imagebuilder/data-size: the serialized document is 16203 characters; Image Builder accepts at most 16000 inline",
      "missing.yml: validate/unreadable: cannot read: ENOENT",
    ]);
  });

  it("applies the AWSTOE structure checks the program applies", () => {
    fs.writeFileSync(
      path.join(dir, "bad-action.yml"),
      component("x", "1.0.0", "echo").replace("ExecuteBash", "ExecuteBashh"),
    );
    const problems = validateFiles(["bad-action.yml"], { cwd: dir });
    assert.equal(problems.length, 1);
    assert.match(problems[0].rule, /^awstoe\//);
    assert.equal(problems[0].line, 12);
  });

  it("checks a settings.json with its folder's components and stacks", () => {
    const repo = FixtureRepo.create();
    try {
      repo.editSettings((s) =>
        s.supported_ubuntu_versions["24.04"].components.push({ name: "gone", file: "gone.yml" }),
      );
      repo.write(
        "Pulumi.us.yaml",
        'config:\n  aws:region: us-east-1\n  aws:allowedAccountIds: ["123456789012"]\n',
      );
      const problems = validateFiles([path.join(repo.root, "settings.json")], {
        cwd: repo.path("components"),
      });
      assert.deepEqual(
        problems.map((p) => `${p.file} ${p.rule}`),
        [
          `${repo.path("settings.json")} imagebuilder/managed-arn-region`,
          `${repo.path("settings.json")} settings/missing-file`,
        ],
      );
    } finally {
      repo.dispose();
    }
  });

  it("exits 0 when all are valid, 1 when any is not, 2 without files", () => {
    const ok = captureIo(dir);
    assert.equal(validateCommand(["good.yml"], ok), 0);
    assert.deepEqual(ok.out, ["validate: 0 errors, 0 notes in 1 file"]);
    const bad = captureIo(dir);
    assert.equal(validateCommand(["good.yml", "bad-version.yml"], bad), 1);
    assert.equal(bad.out.at(-1), "validate: 1 error, 0 notes in 2 files");
    const json = captureIo(dir);
    assert.equal(validateCommand(["--json", "bad-version.yml"], json), 1);
    assert.equal((JSON.parse(json.out.join("\n")) as { summary: { errors: number } }).summary.errors, 1);
    assert.equal(validateCommand([], captureIo(dir)), 2);
  });
});
