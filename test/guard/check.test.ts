import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { runCheck } from "../../src/guard/check";
import { checkCommand } from "../../src/guard/cli";
import { Problem, formatProblem } from "../../src/validation/problem";
import { FixtureRepo, captureIo, component } from "./fixtureRepo";

const UPDATE_OS = "components/24.04/update-os.yml";
const COMMON = "components/24.04/common-packages.yml";

describe("npm run check: the version guard", () => {
  let repo: FixtureRepo;
  beforeEach(() => {
    repo = FixtureRepo.create();
  });
  afterEach(() => repo.dispose());

  const check = (base?: string) => runCheck({ root: repo.root, base });
  const rules = (problems: readonly Problem[]) => problems.map((p) => p.rule);
  const errorsOf = (problems: readonly Problem[]) => problems.filter((p) => p.severity === "error");
  const only = (problems: readonly Problem[], rule: string) => {
    const found = problems.filter((p) => p.rule === rule);
    assert.equal(found.length, 1, `expected one ${rule}, got:\n${problems.map(formatProblem).join("\n")}`);
    return found[0];
  };
  const assertClean = () => {
    const result = check();
    assert.deepEqual(errorsOf(result.problems).map(formatProblem), []);
    assert.equal(result.exitCode, 0);
    return result;
  };

  it("passes an unchanged repository and names the base it compared with", () => {
    const result = assertClean();
    assert.deepEqual(result.problems, []);
    assert.ok(result.base.ok && result.base.ref.ref === "main");
    assert.equal(result.filesChecked, 6);
  });

  describe("components", () => {
    it("catches changed content without a version bump, saying what to bump it to", () => {
      repo.replace(UPDATE_OS, "apt-get -y upgrade", "apt-get -y dist-upgrade");
      const result = check();
      const p = only(result.problems, "guard/component-not-bumped");
      assert.equal(p.file, UPDATE_OS);
      assert.equal(p.line, 5);
      assert.match(
        p.message,
        /content changed but component_version is still 1\.0\.2 \(base main: 1\.0\.2\); bump it to 1\.0\.3 \(run npm run bump\)/,
      );
      assert.equal(result.exitCode, 1);
      // The recipe will change with the component's version: one run names both bumps.
      assert.match(
        only(result.problems, "guard/recipe-not-bumped").message,
        /^Ubuntu 24\.04: the recipe changed \(update-os 1\.0\.2 -> 1\.0\.3 once bumped\) but recipe_version is still 1\.0\.0 \(base main: 1\.0\.0\); bump it to 1\.0\.1/,
      );
    });

    it("allows changed content with a higher version (once the recipe is bumped too)", () => {
      repo.replace(UPDATE_OS, "apt-get -y upgrade", "apt-get -y dist-upgrade");
      repo.replace(UPDATE_OS, "component_version: 1.0.2", "component_version: 1.1.0");
      const p = only(check().problems, "guard/recipe-not-bumped");
      assert.equal(p.file, "settings.json");
      assert.equal(p.line, 10);
      assert.match(
        p.message,
        /^Ubuntu 24\.04: the recipe changed \(update-os 1\.0\.2 -> 1\.1\.0\) but recipe_version is still 1\.0\.0 \(base main: 1\.0\.0\); bump it to 1\.0\.1/,
      );
      repo.editSettings((s) => (s.supported_ubuntu_versions["24.04"].recipe_version = "1.0.1"));
      assertClean();
    });

    it("needs no bump for comment and formatting changes", () => {
      repo.write(
        UPDATE_OS,
        `# A new comment at the top.
name:   "update-os"   # quoted now
description: 'Fixture component update-os'
schemaVersion: 1.0
component_version: 1.0.2
phases:
- name: build
  steps:
  - name: Run
    action: ExecuteBash
    inputs:
      commands: [ "apt-get update && apt-get -y upgrade" ]
`,
      );
      assertClean();
    });

    it("catches a version that went down, with or without a content change", () => {
      repo.replace(UPDATE_OS, "component_version: 1.0.2", "component_version: 1.0.1");
      let p = only(check().problems, "guard/component-version-decreased");
      assert.match(
        p.message,
        /went down from 1\.0\.2 \(base main\) to 1\.0\.1; versions only go up, set it back to 1\.0\.2/,
      );
      repo.replace(UPDATE_OS, "apt-get -y upgrade", "apt-get -y full-upgrade");
      p = only(check().problems, "guard/component-version-decreased");
      assert.match(p.message, /set it to 1\.0\.3/);
    });

    it("catches a version reused for other content when the settings entry points at another document", () => {
      repo.write("components/24.04/update-os-v2.yml", component("update-os", "1.0.2", "apt-get update"));
      repo.remove(UPDATE_OS);
      repo.replace(
        "settings.json",
        '{ "name": "update-os", "file": "update-os.yml" },\n        { "name": "common',
        '{ "name": "update-os", "file": "update-os-v2.yml" },\n        { "name": "common',
      );
      const p = only(check().problems, "guard/component-version-reused");
      assert.equal(p.file, "components/24.04/update-os-v2.yml");
      assert.match(
        p.message,
        /differs from components\/24\.04\/update-os\.yml at base main, under the same component_version 1\.0\.2.*bump it to 1\.0\.3/,
      );
    });

    it("tracks a renamed document with the same settings name: same content, no bump", () => {
      repo.git("mv", UPDATE_OS, "components/24.04/os-update.yml");
      repo.replace(
        "settings.json",
        '"file": "update-os.yml" },\n        { "name": "common',
        '"file": "os-update.yml" },\n        { "name": "common',
      );
      assertClean();
      repo.commit("rename");
      assertClean();
    });

    it("lets a new shared component pass, and a new recipe component pass once the recipe is bumped", () => {
      repo.write("components/24.04/ntp.yml", component("ntp", "1.0.0", "apt-get install -y chrony"));
      repo.editSettings((s) =>
        s.supported_ubuntu_versions["24.04"].shared_components!.push({ name: "ntp", file: "ntp.yml" }),
      );
      assertClean();
      repo.editSettings((s) => {
        const v = s.supported_ubuntu_versions["24.04"];
        v.shared_components = v.shared_components!.filter((c) => c.name !== "ntp");
        v.components.push({ name: "ntp", file: "ntp.yml" });
      });
      assert.match(only(check().problems, "guard/recipe-not-bumped").message, /\(added ntp\)/);
      repo.editSettings((s) => (s.supported_ubuntu_versions["24.04"].recipe_version = "1.1.0"));
      assertClean();
    });

    it("reports a deleted component as a note, not an error", () => {
      repo.remove("components/24.04/application-user.yml");
      repo.editSettings((s) => delete s.supported_ubuntu_versions["24.04"].shared_components);
      const result = assertClean();
      const p = only(result.problems, "guard/component-deleted");
      assert.equal(p.severity, "note");
      assert.equal(p.file, "components/24.04/application-user.yml");
      assert.match(
        p.message,
        /"application-user" \(Ubuntu 24\.04, 0\.3\.1 at base main\) is no longer in settings\.json/,
      );
    });

    it("still guards the other components when one document is broken", () => {
      repo.write("components/24.04/application-user.yml", "name: [unclosed\n");
      repo.replace(UPDATE_OS, "apt-get -y upgrade", "apt-get -y dist-upgrade");
      const result = check();
      assert.ok(rules(result.problems).includes("yaml/syntax"));
      only(result.problems, "guard/component-not-bumped");
    });

    it("keeps components of different Ubuntu versions apart", () => {
      repo.replace("components/22.04/update-os.yml", "apt-get -y upgrade", "apt-get -y dist-upgrade");
      const p = only(check().problems, "guard/component-not-bumped");
      assert.equal(p.file, "components/22.04/update-os.yml");
      assert.match(p.message, /\(Ubuntu 22\.04\).*bump it to 1\.4\.1/);
    });
  });

  describe("recipes", () => {
    const recipeProblem = () => only(check().problems, "guard/recipe-not-bumped");
    const bumpRecipe = (version = "1.0.1") =>
      repo.editSettings((s) => (s.supported_ubuntu_versions["24.04"].recipe_version = version));

    it("catches reordered components, and allows them with a recipe bump", () => {
      repo.editSettings((s) => s.supported_ubuntu_versions["24.04"].components.reverse());
      assert.match(recipeProblem().message, /\(components reordered\)/);
      bumpRecipe();
      assertClean();
    });

    it("catches a changed base_ami, and allows it with a recipe bump", () => {
      repo.editSettings((s) => (s.supported_ubuntu_versions["24.04"].base_ami = "ami-0123456789abcdef0"));
      const p = recipeProblem();
      assert.match(
        p.message,
        /^Ubuntu 24\.04: the recipe changed \(base_ami ami-0f9535ce5ed4a1e3d -> ami-0123456789abcdef0\).*bump it to 1\.0\.1/,
      );
      bumpRecipe();
      assertClean();
    });

    it("catches a changed AWS-managed ARN and a changed root volume size", () => {
      repo.editSettings((s) => {
        const v = s.supported_ubuntu_versions["24.04"];
        v.components[2].arn =
          "arn:aws:imagebuilder:eu-west-2:aws:component/amazon-cloudwatch-agent-linux/1.x.x";
        v.root_volume_size = 40;
      });
      assert.match(
        recipeProblem().message,
        /root_volume_size 20 -> 40 GiB; cloudwatch-agent arn:.*\/x\.x\.x -> arn:.*\/1\.x\.x/,
      );
      bumpRecipe("2.0.0");
      assertClean();
    });

    it("matches AWS-managed steps by ARN: renaming one asks for no bump, moving it still does", () => {
      repo.editSettings((s) => (s.supported_ubuntu_versions["24.04"].components[2].name = "cw-agent"));
      assertClean();
      repo.editSettings((s) => {
        const components = s.supported_ubuntu_versions["24.04"].components;
        components.unshift(...components.splice(2, 1));
      });
      assert.match(recipeProblem().message, /\(components reordered\)/);
    });

    it("catches a removed component", () => {
      repo.editSettings((s) => s.supported_ubuntu_versions["24.04"].components.splice(1, 1));
      assert.match(recipeProblem().message, /\(removed common-packages\)/);
      const notes = check().problems.filter((p) => p.rule === "guard/component-deleted");
      assert.equal(notes.length, 1);
    });

    it("needs no recipe bump when only a shared component changes", () => {
      repo.replace(
        "components/24.04/application-user.yml",
        "useradd --system app",
        "useradd --system --shell /usr/sbin/nologin app",
      );
      assert.deepEqual(rules(check().problems), ["guard/component-not-bumped"]);
      repo.replace(
        "components/24.04/application-user.yml",
        "component_version: 0.3.1",
        "component_version: 0.3.2",
      );
      assertClean();
    });

    it("needs no recipe bump when only the settings file's layout changes", () => {
      repo.write("settings.json", JSON.stringify(JSON.parse(repo.read("settings.json"))));
      assertClean();
    });

    it("catches a recipe_version that went down", () => {
      repo.editSettings((s) => (s.supported_ubuntu_versions["22.04"].recipe_version = "2.0.9"));
      const p = only(check().problems, "guard/recipe-version-decreased");
      assert.match(
        p.message,
        /^Ubuntu 22\.04: recipe_version went down from 2\.1\.0 \(base main\) to 2\.0\.9; versions only go up, set it back to 2\.1\.0/,
      );
    });

    it("lets a new Ubuntu version pass and notes a removed one", () => {
      repo.editSettings((s) => {
        s.supported_ubuntu_versions["26.04"] = {
          ...s.supported_ubuntu_versions["22.04"],
          recipe_version: "1.0.0",
        };
        delete s.supported_ubuntu_versions["22.04"];
      });
      repo.git("mv", "components/22.04", "components/26.04");
      const result = assertClean();
      assert.deepEqual(
        result.problems.map((p) => `${p.severity} ${p.rule} ${p.file}`),
        [
          "note guard/component-deleted components/22.04/update-os.yml",
          "note guard/recipe-deleted settings.json",
        ],
      );
    });
  });

  describe("the base revision", () => {
    it("compares committed work on a branch with its merge base with main", () => {
      repo.git("checkout", "-q", "-b", "feature");
      repo.replace(UPDATE_OS, "apt-get -y upgrade", "apt-get -y dist-upgrade");
      repo.commit("forgot the bump");
      // main moves on independently: the merge base, not main's tip, is the base.
      repo.git("checkout", "-q", "main");
      repo.replace(
        "components/24.04/application-user.yml",
        "component_version: 0.3.1",
        "component_version: 0.4.0",
      );
      repo.commit("unrelated");
      repo.git("checkout", "-q", "feature");
      const result = check();
      only(result.problems, "guard/component-not-bumped");
      assert.ok(result.base.ok);
      assert.equal(result.base.ref.commit, repo.git("rev-parse", "main~1").trim());
    });

    it("uses the merge base with --base REF, so versions bumped on main since are not reported as gone down", () => {
      repo.git("checkout", "-q", "-b", "feature");
      repo.replace(UPDATE_OS, "apt-get -y upgrade", "apt-get -y dist-upgrade");
      repo.replace(UPDATE_OS, "component_version: 1.0.2", "component_version: 1.0.3");
      repo.editSettings((s) => (s.supported_ubuntu_versions["24.04"].recipe_version = "1.0.1"));
      repo.commit("bumped");
      repo.git("checkout", "-q", "main");
      repo.replace(COMMON, '"2.0.0"', '"2.1.0"');
      repo.replace(COMMON, "curl jq", "curl jq unzip");
      repo.editSettings((s) => (s.supported_ubuntu_versions["24.04"].recipe_version = "1.1.0"));
      repo.commit("main moves on");
      repo.git("checkout", "-q", "feature");
      assert.equal(check("main").exitCode, 0);
    });

    it("uses --base as given when it is an ancestor", () => {
      repo.replace(UPDATE_OS, "apt-get -y upgrade", "apt-get -y dist-upgrade");
      repo.commit("forgot the bump");
      assert.equal(check().exitCode, 0); // HEAD is main's tip: nothing differs from the merge base
      const result = check("HEAD~1");
      assert.match(only(result.problems, "guard/component-not-bumped").message, /\(base HEAD~1: 1\.0\.2\)/);
    });

    it("prefers origin/main when the clone has it", () => {
      const clone = FixtureRepo.at(`${repo.root}-clone`);
      try {
        repo.git("clone", "-q", repo.root, clone.root);
        clone.replace(UPDATE_OS, "apt-get -y upgrade", "apt-get -y dist-upgrade");
        const result = runCheck({ root: clone.root });
        assert.ok(result.base.ok && result.base.ref.ref === "origin/main");
        assert.match(
          only(result.problems, "guard/component-not-bumped").message,
          /\(base origin\/main: 1\.0\.2\)/,
        );
      } finally {
        clone.dispose();
      }
    });

    it("finds settings.json in a subfolder of the git repository", () => {
      const outer = FixtureRepo.at(`${repo.root}-outer`);
      try {
        fs.mkdirSync(outer.root);
        outer.git("init", "-q", "-b", "main");
        repo.git("clone", "-q", repo.root, outer.path("infra"));
        fs.rmSync(outer.path("infra/.git"), { recursive: true });
        outer.commit("nested project");
        outer.replace(`infra/${UPDATE_OS}`, "apt-get -y upgrade", "apt-get -y dist-upgrade");
        const result = runCheck({ root: outer.path("infra") });
        assert.equal(only(result.problems, "guard/component-not-bumped").file, UPDATE_OS);
      } finally {
        outer.dispose();
      }
    });

    it("stops with exit 2 and says how to fetch the base in a shallow clone without it", () => {
      repo.git("checkout", "-q", "-b", "feature");
      repo.commit("work");
      const clone = FixtureRepo.at(`${repo.root}-shallow`);
      try {
        repo.git("clone", "-q", "--depth", "1", "--branch", "feature", `file://${repo.root}`, clone.root);
        const result = runCheck({ root: clone.root });
        assert.equal(result.exitCode, 2);
        assert.ok(!result.base.ok);
        assert.match(
          result.base.message,
          /neither origin\/main nor main is in this clone \(a shallow clone\)/,
        );
        assert.match(result.base.message, /git fetch origin main:refs\/remotes\/origin\/main/);
        assert.match(result.base.message, /git fetch --unshallow origin/);

        const missing = runCheck({ root: clone.root, base: "v1.0" });
        assert.ok(!missing.base.ok);
        assert.match(missing.base.message, /base ref "v1.0" is not in this clone/);

        // Once fetched, the check runs: the shallow history still lacks a common commit.
        clone.git("fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main");
        const noMergeBase = runCheck({ root: clone.root });
        assert.equal(noMergeBase.exitCode, 2);
        assert.ok(!noMergeBase.base.ok);
        assert.match(
          noMergeBase.base.message,
          /no common commit in this shallow clone; deepen it with `git fetch --unshallow origin`/,
        );
        clone.git("fetch", "-q", "--unshallow", "origin");
        assert.equal(runCheck({ root: clone.root }).exitCode, 0);
      } finally {
        clone.dispose();
      }
    });
  });

  describe("the base revision", () => {
    it("compares a base settings.json that today's schema rejects, read as plain JSON", () => {
      repo.editSettings((s) => {
        (s.supported_ubuntu_versions["24.04"] as Record<string, unknown>).retired_option = true;
      });
      repo.commit("a key the schema no longer has");
      repo.editSettings((s) => {
        delete (s.supported_ubuntu_versions["24.04"] as Record<string, unknown>).retired_option;
      });
      repo.replace(UPDATE_OS, "apt-get -y upgrade", "apt-get -y dist-upgrade");
      const result = check();
      assert.deepEqual(
        result.problems.filter((p) => p.rule === "guard/base-unreadable"),
        [],
      );
      only(result.problems, "guard/component-not-bumped");
      assert.equal(result.exitCode, 1);
    });

    it("exits 2 with a message when git cannot read the base revision", () => {
      const tree = repo.git("rev-parse", "HEAD^{tree}").trim();
      fs.rmSync(repo.path(`.git/objects/${tree.slice(0, 2)}/${tree.slice(2)}`));
      const result = check();
      assert.equal(result.exitCode, 2);
      assert.ok(!result.base.ok);
      assert.match(result.base.message, /^cannot read the base revision main: git ls-tree [0-9a-f]+ failed/);
    });
  });

  describe("the rest of the repository", () => {
    it("checks AWS-managed ARNs against every stack's region and validates each stack's config", () => {
      repo.write(
        "Pulumi.useast.yaml",
        'config:\n  aws:region: us-east-1\n  aws:allowedAccountIds: ["123456789012"]\n  dc-image-builder:colour: blue\n',
      );
      const result = check();
      const arn = only(result.problems, "imagebuilder/managed-arn-region");
      assert.match(arn.message, /is in eu-west-2, but the stack deploys to us-east-1/);
      const config = only(result.problems, "config/invalid");
      assert.equal(config.file, "Pulumi.useast.yaml");
      assert.equal(config.line, 4);
    });

    it("reports a malformed stack file with the YAML error's line, and still checks the rest", () => {
      repo.write("Pulumi.broken.yaml", "config:\n  aws:region: eu-west-2\n  bad: [\n");
      const result = check();
      const syntax = only(result.problems, "config/syntax");
      assert.equal(syntax.file, "Pulumi.broken.yaml");
      assert.equal(syntax.line, 4);
      assert.match(syntax.message, /^cannot read the stack file: /);
      assert.equal(result.exitCode, 1);
    });

    it("applies the AWSTOE structure checks to every component document", () => {
      repo.replace("components/24.04/application-user.yml", "ExecuteBash", "ExecuteBashh");
      const result = check();
      assert.equal(result.exitCode, 1);
      // The edit is also a content change without a bump: both are reported in one run.
      assert.deepEqual(
        result.problems.map((p) => `${p.file}:${p.line} ${p.rule.replace(/^awstoe\/.*/, "awstoe/*")}`),
        [
          "components/24.04/application-user.yml:5 guard/component-not-bumped",
          "components/24.04/application-user.yml:12 awstoe/*",
        ],
      );
    });

    it("reports settings.json problems with the program's rules", () => {
      repo.editSettings((s) => (s.supported_ubuntu_versions["24.04"].recipe_version = "1.0"));
      const result = check();
      assert.equal(result.exitCode, 1);
      assert.ok(rules(result.problems).includes("settings/schema"));
    });
  });

  describe("output", () => {
    it("prints path:line: rule: message lines and a summary", () => {
      repo.replace(UPDATE_OS, "apt-get -y upgrade", "apt-get -y dist-upgrade");
      const io = captureIo(repo.root);
      assert.equal(checkCommand([], io), 1);
      const commit = repo.git("rev-parse", "--short=7", "HEAD").trim();
      assert.deepEqual(io.out, [
        'components/24.04/update-os.yml:5: guard/component-not-bumped: component "update-os" (Ubuntu 24.04): content changed but component_version is still 1.0.2 (base main: 1.0.2); bump it to 1.0.3 (run npm run bump)',
        "settings.json:10: guard/recipe-not-bumped: Ubuntu 24.04: the recipe changed (update-os 1.0.2 -> 1.0.3 once bumped) but recipe_version is still 1.0.0 (base main: 1.0.0); bump it to 1.0.1 (run npm run bump)",
        `check: 2 errors, 0 notes in 6 files (base: main @ ${commit})`,
      ]);
    });

    it("prints JSON with --json", () => {
      const io = captureIo(repo.root);
      assert.equal(checkCommand(["--json"], io), 0);
      const parsed = JSON.parse(io.out.join("\n")) as {
        problems: unknown[];
        summary: Record<string, unknown>;
      };
      assert.deepEqual(parsed.problems, []);
      assert.deepEqual(parsed.summary, {
        errors: 0,
        notes: 0,
        files: 6,
        base: { ref: "main", commit: repo.git("rev-parse", "HEAD").trim() },
        exitCode: 0,
      });
    });

    it("finds the repository root from a subfolder and rejects unknown options", () => {
      const io = captureIo(repo.path("components/24.04"));
      assert.equal(checkCommand([], io), 0);
      const bad = captureIo(repo.root);
      assert.equal(checkCommand(["--bogus"], bad), 2);
      assert.match(bad.err.join("\n"), /usage: npm run check/);
    });
  });
});
