import * as fs from "node:fs";
import { strict as assert } from "node:assert";
import { runCheck } from "../../src/guard/check";
import { bumpCommand } from "../../src/guard/cli";
import { FixtureRepo, captureIo } from "./fixtureRepo";

const UPDATE_OS = "components/24.04/update-os.yml";
const COMMON = "components/24.04/common-packages.yml";

describe("npm run bump", () => {
  let repo: FixtureRepo;
  beforeEach(() => {
    repo = FixtureRepo.create();
  });
  afterEach(() => repo.dispose());

  const bump = (...args: string[]) => {
    const io = captureIo(repo.root);
    const code = bumpCommand(args, io);
    return { code, out: io.out, err: io.err };
  };
  /** Lines that differ between two texts of the same length in lines. */
  const changedLines = (before: string, after: string) => {
    const a = before.split("\n");
    const b = after.split("\n");
    assert.equal(a.length, b.length, "bump must not add or remove lines");
    return a.flatMap((line, i) => (line === b[i] ? [] : [`${line} => ${b[i]}`]));
  };

  // Changes are listed in settings.json order: components first, then the recipes they moved.
  it("bumps each changed component and its recipe once, editing only version values", () => {
    const before = { settings: repo.read("settings.json"), common: repo.read(COMMON) };
    repo.replace(UPDATE_OS, "apt-get -y upgrade", "apt-get -y dist-upgrade");
    repo.replace(COMMON, "curl jq", "curl jq unzip");
    const afterEdit = { update: repo.read(UPDATE_OS), common: repo.read(COMMON) };

    const first = bump();
    assert.equal(first.code, 0);
    const commit = repo.git("rev-parse", "--short=7", "HEAD").trim();
    assert.deepEqual(first.out, [
      'components/24.04/update-os.yml:5: component "update-os" (Ubuntu 24.04): component_version 1.0.2 -> 1.0.3',
      'components/24.04/common-packages.yml:5: component "common-packages" (Ubuntu 24.04): component_version 2.0.0 -> 2.0.1',
      "settings.json:10: Ubuntu 24.04 recipe: recipe_version 1.0.0 -> 1.0.1",
      `bump: changed 3 versions in 3 files (base: main @ ${commit})`,
    ]);
    assert.deepEqual(changedLines(afterEdit.update, repo.read(UPDATE_OS)), [
      "component_version: 1.0.2 => component_version: 1.0.3",
    ]);
    assert.deepEqual(changedLines(afterEdit.common, repo.read(COMMON)), [
      'component_version: "2.0.0" # quoted on purpose => component_version: "2.0.1" # quoted on purpose',
    ]);
    assert.ok(repo.read(COMMON).startsWith("# common-packages: maintained by the platform team.\n"));
    assert.deepEqual(changedLines(before.settings, repo.read("settings.json")), [
      '      "recipe_version": "1.0.0", =>       "recipe_version": "1.0.1",',
    ]);
    assert.notEqual(before.common, repo.read(COMMON));

    assert.equal(runCheck({ root: repo.root }).exitCode, 0);

    const second = bump();
    assert.equal(second.code, 0);
    assert.deepEqual(second.out, [`bump: nothing to bump (base: main @ ${commit})`]);
  });

  it("bumps by --minor or --major, components and recipes alike", () => {
    repo.replace(UPDATE_OS, "apt-get -y upgrade", "apt-get -y dist-upgrade");
    repo.replace("components/22.04/update-os.yml", "apt-get -y upgrade", "apt-get -y dist-upgrade");
    assert.equal(bump("--minor").code, 0);
    assert.match(repo.read(UPDATE_OS), /^component_version: 1\.1\.0$/m);
    assert.match(repo.read("components/22.04/update-os.yml"), /^component_version: 1\.5\.0$/m);
    const settings = JSON.parse(repo.read("settings.json"));
    assert.equal(settings.supported_ubuntu_versions["24.04"].recipe_version, "1.1.0");
    assert.equal(settings.supported_ubuntu_versions["22.04"].recipe_version, "2.2.0");

    const fresh = FixtureRepo.create();
    try {
      fresh.replace(UPDATE_OS, "apt-get -y upgrade", "apt-get -y dist-upgrade");
      assert.equal(bumpCommand(["--major"], captureIo(fresh.root)), 0);
      assert.match(fresh.read(UPDATE_OS), /^component_version: 2\.0\.0$/m);
      assert.equal(
        JSON.parse(fresh.read("settings.json")).supported_ubuntu_versions["24.04"].recipe_version,
        "2.0.0",
      );
    } finally {
      fresh.dispose();
    }
    assert.equal(bump("--minor", "--major").code, 2);
  });

  it("bumps only the recipe when only settings changed, and leaves an already bumped recipe alone", () => {
    repo.editSettings((s) => (s.supported_ubuntu_versions["22.04"].base_ami = "ami-0123456789abcdef0"));
    assert.deepEqual(bump().out.slice(0, -1), [
      "settings.json:5: Ubuntu 22.04 recipe: recipe_version 2.1.0 -> 2.1.1",
    ]);

    repo.replace(UPDATE_OS, "apt-get -y upgrade", "apt-get -y dist-upgrade");
    repo.editSettings((s) => (s.supported_ubuntu_versions["24.04"].recipe_version = "1.5.0"));
    assert.deepEqual(bump().out.slice(0, -1), [
      'components/24.04/update-os.yml:5: component "update-os" (Ubuntu 24.04): component_version 1.0.2 -> 1.0.3',
    ]);
    assert.equal(
      JSON.parse(repo.read("settings.json")).supported_ubuntu_versions["24.04"].recipe_version,
      "1.5.0",
    );
    assert.equal(runCheck({ root: repo.root }).exitCode, 0);
  });

  it("leaves versions that are already higher alone, and fixes ones that went down", () => {
    repo.replace(UPDATE_OS, "component_version: 1.0.2", "component_version: 1.0.0");
    repo.replace(COMMON, "curl jq", "curl jq unzip");
    repo.replace(COMMON, '"2.0.0"', '"3.0.0"');
    const out = bump().out;
    assert.deepEqual(out.slice(0, -1), [
      'components/24.04/update-os.yml:5: component "update-os" (Ubuntu 24.04): component_version 1.0.0 -> 1.0.2',
      "settings.json:10: Ubuntu 24.04 recipe: recipe_version 1.0.0 -> 1.0.1",
    ]);
    assert.equal(runCheck({ root: repo.root }).exitCode, 0);
  });

  it("changes nothing with --dry-run, and nothing at all in a clean repository", () => {
    repo.replace(UPDATE_OS, "apt-get -y upgrade", "apt-get -y dist-upgrade");
    const edited = repo.read(UPDATE_OS);
    const dry = bump("--dry-run");
    assert.match(dry.out.at(-1)!, /^bump: would change 2 versions in 2 files/);
    assert.equal(repo.read(UPDATE_OS), edited);
    repo.git("checkout", "--", UPDATE_OS);
    assert.match(bump().out.at(-1)!, /^bump: nothing to bump/);
    assert.equal(repo.git("status", "--porcelain"), "");
  });

  it("exits 2 when the base is missing, and 1 when settings.json is broken", () => {
    assert.equal(bump("--base", "no-such-ref").code, 2);
    repo.write("settings.json", "{");
    const broken = bump();
    assert.equal(broken.code, 1);
    assert.match(broken.err.join("\n"), /settings\.json is missing or invalid/);
  });

  it("reports a version line it cannot edit safely, exits 1 and leaves that file untouched", () => {
    repo.replace(UPDATE_OS, "component_version: 1.0.2", "component_version: &v 1.0.2");
    repo.git("commit", "-qam", "anchor on the version");
    repo.replace(UPDATE_OS, "apt-get -y upgrade", "apt-get -y dist-upgrade");
    const edited = repo.read(UPDATE_OS);
    const result = bump();
    assert.equal(result.code, 1);
    assert.match(
      result.err.join("\n"),
      /bump: components\/24\.04\/update-os\.yml: cannot set component_version to 1\.0\.3: .*edit it by hand/,
    );
    assert.equal(repo.read(UPDATE_OS), edited);
  });

  it("prints the analysis's notes, and exits 2 when git cannot read the base", () => {
    repo.remove("components/24.04/application-user.yml");
    repo.editSettings((s) => delete s.supported_ubuntu_versions["24.04"].shared_components);
    const result = bump("--dry-run");
    assert.equal(result.code, 0);
    assert.match(
      result.out[0],
      /^components\/24\.04\/application-user\.yml: guard\/component-deleted: note: component "application-user"/,
    );

    const tree = repo.git("rev-parse", "HEAD^{tree}").trim();
    fs.rmSync(repo.path(`.git/objects/${tree.slice(0, 2)}/${tree.slice(2)}`));
    const broken = bump();
    assert.equal(broken.code, 2);
    assert.match(broken.err.join("\n"), /^bump: cannot read the base revision main: git ls-tree/);
  });

  it("prints JSON with --json", () => {
    repo.replace(UPDATE_OS, "apt-get -y upgrade", "apt-get -y dist-upgrade");
    const result = bump("--json");
    const parsed = JSON.parse(result.out.join("\n")) as {
      changes: { file: string; from: string; to: string }[];
      exitCode: number;
    };
    assert.deepEqual(
      parsed.changes.map((c) => `${c.file} ${c.from} ${c.to}`),
      [`${UPDATE_OS} 1.0.2 1.0.3`, "settings.json 1.0.0 1.0.1"],
    );
    assert.equal(parsed.exitCode, 0);
  });
});
