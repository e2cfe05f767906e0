import { strict as assert } from "node:assert";
import { FixtureRepo, ensureToolsBuilt, runTool } from "./fixtureRepo";

const UPDATE_OS = "components/24.04/update-os.yml";

/** The real entry points, `node scripts/run-tool.js <tool>`, as npm run and CI start them. */
describe("check, validate and bump as subprocesses", function () {
  this.timeout(180_000);
  let repo: FixtureRepo;
  before(() => ensureToolsBuilt());
  beforeEach(() => {
    repo = FixtureRepo.create();
  });
  afterEach(() => repo.dispose());

  it("check exits 1 on a forgotten bump, bump fixes it, check exits 0", () => {
    repo.replace(UPDATE_OS, "apt-get -y upgrade", "apt-get -y dist-upgrade");
    const failing = runTool("check", [], repo.root);
    assert.equal(failing.status, 1, failing.stderr);
    assert.match(
      failing.stdout,
      /^components\/24\.04\/update-os\.yml:5: guard\/component-not-bumped: .*bump it to 1\.0\.3/m,
    );
    assert.match(failing.stdout, /^check: 2 errors, 0 notes in 6 files \(base: main @ [0-9a-f]{7}\)$/m);

    const bumped = runTool("bump", [], repo.root);
    assert.equal(bumped.status, 0, bumped.stderr);
    assert.match(bumped.stdout, /component_version 1\.0\.2 -> 1\.0\.3/);
    assert.match(bumped.stdout, /recipe_version 1\.0\.0 -> 1\.0\.1/);

    const passing = runTool("check", ["--json"], repo.root);
    assert.equal(passing.status, 0, passing.stdout);
    assert.equal((JSON.parse(passing.stdout) as { summary: { errors: number } }).summary.errors, 0);
  });

  it("check exits 2 with a fetch hint when the base ref is missing", () => {
    const r = runTool("check", ["--base", "origin/release"], repo.root);
    assert.equal(r.status, 2);
    assert.match(
      r.stderr,
      /check: versions not checked: base ref "origin\/release" is not in this clone: fetch it, e.g\. `git fetch origin release:refs\/remotes\/origin\/release`/,
    );
    assert.match(r.stdout, /\(base: missing\)$/m);
    const json = runTool("check", ["--json", "--base", "origin/release"], repo.root);
    assert.equal(json.status, 2);
    const summary = (JSON.parse(json.stdout) as { summary: Record<string, unknown> }).summary;
    assert.equal(summary.base, null);
    assert.match(String(summary.baseError), /base ref "origin\/release" is not in this clone/);
  });

  it("check takes the repository from --root, validate takes paths from the caller's folder", () => {
    assert.equal(runTool("check", ["--root", repo.root], repo.path("components")).status, 0);
    const v = runTool("validate", ["24.04/update-os.yml"], repo.path("components"));
    assert.equal(v.status, 0, v.stdout);
    repo.replace(UPDATE_OS, "component_version: 1.0.2", "component_version: v1.0.2");
    const bad = runTool("validate", ["24.04/update-os.yml"], repo.path("components"));
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /^24\.04\/update-os\.yml:5: component\/version: /m);
  });
});
