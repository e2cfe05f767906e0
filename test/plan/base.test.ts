import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { PlanUsageError } from "../../src/plan/planUsageError";
import { DiffDocument } from "../../src/plan/renderJson";
import { renderOutcome, runPlan } from "../../src/plan/runPlan";
import { REPO_ROOT } from "../support/programHarness";
import { TempRepo, git, makeTempRepo } from "./tempRepo";

const UPDATE_OS = "components/24.04/update-os.yml";

describe("plan --base against a git revision", function () {
  this.timeout(60_000);
  let repo: TempRepo;
  before(() => {
    repo = makeTempRepo();
  });
  afterEach(() => repo.reset());
  after(() => repo.remove());

  const plan = async (stack = "dev") => {
    const outcome = await runPlan({
      root: repo.root,
      entry: path.join(repo.root, "index.ts"),
      stack,
      base: "HEAD",
    });
    return { outcome, ...renderOutcome(outcome, false) };
  };
  const edit = (file: string, f: (text: string) => string) => repo.write(file, f(repo.read(file)));
  const bumpRecipe = (ubuntu: string, version: string, reorder = false) =>
    edit("settings.json", (text) => {
      const settings = JSON.parse(text) as {
        supported_ubuntu_versions: Record<string, { recipe_version: string; components: unknown[] }>;
      };
      const entry = settings.supported_ubuntu_versions[ubuntu];
      entry.recipe_version = version;
      if (reorder) [entry.components[0], entry.components[1]] = [entry.components[1], entry.components[0]];
      return JSON.stringify(settings, null, 2);
    });
  const changeUpdateOs = (version?: string) =>
    edit(UPDATE_OS, (text) => {
      const changed = text.replace("dpkg --audit", "dpkg --audit\n              echo audited");
      return version ? changed.replace("component_version: 1.0.0", `component_version: ${version}`) : changed;
    });

  it("shows no changes for an unchanged tree", async () => {
    const { output, exitCode } = await plan();
    assert.equal(exitCode, 0);
    assert.match(
      output,
      /^Changes to stack dev \(account 111122223333, eu-west-2\) from HEAD \([0-9a-f]{12}\): 0 to add, 0 to replace, 0 to update, 0 to remove, \d+ unchanged\nNo changes\.\n$/,
    );
  });

  it("a component bump shows the new version and the replacements, and exits 0", async () => {
    changeUpdateOs("1.0.1");
    bumpRecipe("24.04", "1.1.0");
    const { output, exitCode } = await plan();
    assert.equal(exitCode, 0, output);
    assert.match(
      output,
      /\n\+- aws:imagebuilder\/component:Component update-os-ubuntu-24-04 {2}\(replace, the old one retained in AWS\)\n/,
    );
    assert.match(output, /\n {4}version: "1\.0\.0" → "1\.0\.1" {2}\[forces replacement\]\n/);
    assert.match(output, /\n {6}\+ {15}echo audited\n/);
    assert.match(output, /\n\+- aws:imagebuilder\/imageRecipe:ImageRecipe base-ubuntu-24-04-recipe/);
    assert.match(output, /after:\n {8}1\. update-os-ubuntu-24-04@1\.0\.1\n/);
    assert.match(
      output,
      /\n~ aws:imagebuilder\/imagePipeline:ImagePipeline base-ubuntu-24-04-pipeline {2}\(update\)\n {4}imageRecipeArn: .*base-ubuntu-24-04\/1\.0\.0" → .*base-ubuntu-24-04\/1\.1\.0"\n/,
    );
    assert.match(
      output,
      /\n\+- aws:ram\/resourceAssociation:ResourceAssociation components-update-os-ubuntu-24-04 /,
    );
    assert.doesNotMatch(output, /22-04/);
    assert.match(
      output,
      /\nOutputs:\n( {2}~ .*\n)* {2}~ components\.update-os-ubuntu-24-04\.version: "1\.0\.0" → "1\.0\.1"\n/,
    );
    assert.match(output, /\n {2}~ recipes\.24\.04\.version: "1\.0\.0" → "1\.1\.0"\n/);
  });

  it("a changed document without a version bump exits 1 with the version guard's errors, each reported once", async () => {
    changeUpdateOs();
    const { output, exitCode } = await plan();
    assert.equal(exitCode, 1);
    assert.match(
      output,
      /\nThis change would fail in AWS \(2 error\(s\)\):\n {2}components\/24\.04\/update-os\.yml:\d+: guard\/component-not-bumped: .*bump it to 1\.0\.1.*\n {2}settings\.json:\d+: guard\/recipe-not-bumped: Ubuntu 24\.04: .*\n$/,
    );
    assert.doesNotMatch(output, /plan\/same-version-replace/);
  });

  it("a bumped component in an unbumped recipe exits 1 naming the recipe", async () => {
    changeUpdateOs("1.0.1");
    const { output, exitCode } = await plan("prod");
    assert.equal(exitCode, 1);
    assert.match(
      output,
      /\n {2}settings\.json:\d+: guard\/recipe-not-bumped: Ubuntu 24\.04: .*bump it to 1\.0\.1/,
    );
    assert.doesNotMatch(output, /plan\/same-version-replace/);
  });

  it("a reordered recipe shows the new order", async () => {
    bumpRecipe("22.04", "1.0.1", true);
    const { output, exitCode } = await plan();
    assert.equal(exitCode, 0, output);
    assert.match(
      output,
      /components: {2}\[forces replacement\]\n {6}before:\n {8}1\. update-os-ubuntu-22-04@1\.0\.0\n {8}2\. common-packages-ubuntu-22-04@1\.0\.0\n[^]*after:\n {8}1\. common-packages-ubuntu-22-04@1\.0\.0\n {8}2\. update-os-ubuntu-22-04@1\.0\.0\n/,
    );
    assert.match(output, /version: "1\.0\.0" → "1\.0\.1" {2}\[forces replacement\]/);
  });

  it("a broken document exits 1 with the error and no plan", async () => {
    edit(UPDATE_OS, (text) => text.replace("component_version: 1.0.0", "component_version: one"));
    const { outcome, output, exitCode } = await plan();
    assert.equal(outcome.kind, "invalid");
    assert.equal(exitCode, 1);
    assert.match(output, /components\/24\.04\/update-os\.yml:\d+: component\/version: /);
    assert.doesNotMatch(output, /Changes to stack|Plan for stack/);
  });

  it("invalid stack config exits 1 with the program's config problems, in JSON too", async () => {
    edit("Pulumi.dev.yaml", (text) => text.replace("pipelineSchedule: none", "pipelineSchedule: sometimes"));
    const { outcome, output, exitCode } = await plan();
    assert.equal(exitCode, 1);
    assert.match(
      output,
      /^dc-image-builder: 1 problem\(s\); nothing was planned:\n {2}Pulumi\.dev\.yaml:\d+: config\/invalid: stack "dev": dc-image-builder:pipelineSchedule "sometimes" is neither "none" nor a cron\(\.\.\.\) expression.*\n$/,
    );
    const json = JSON.parse(renderOutcome(outcome, true).output) as {
      kind: string;
      problems: { rule: string }[];
    };
    assert.deepEqual([json.kind, json.problems.map((p) => p.rule)], ["invalid", ["config/invalid"]]);
  });

  it("a base that cannot be evaluated is a note, followed by the plan, exit 0", async () => {
    edit(UPDATE_OS, (text) => text.replace("component_version: 1.0.0", "component_version: one"));
    repo.commit("broken");
    try {
      repo.reset();
      git(repo.root, "checkout", "--quiet", "HEAD~1", "--", UPDATE_OS);
      const { output, exitCode } = await plan();
      assert.equal(exitCode, 0);
      assert.match(
        output,
        /^note: base HEAD \([0-9a-f]{12}\) could not be evaluated[^\n]*\n {2}components\/24\.04\/update-os\.yml:\d+: component\/version: /,
      );
      assert.match(output, /\nPlan for stack dev /);
    } finally {
      git(repo.root, "reset", "--quiet", "--hard", "HEAD~1");
    }
  });

  it("a base that cannot be evaluated still runs the version guard: an unbumped change exits 1", async () => {
    edit("Pulumi.dev.yaml", (text) => text.replace("pipelineSchedule: none", "pipelineSchedule: sometimes"));
    repo.commit("broken stack config");
    try {
      repo.reset();
      git(repo.root, "checkout", "--quiet", "HEAD~1", "--", "Pulumi.dev.yaml");
      changeUpdateOs();
      const { outcome, output, exitCode } = await plan();
      assert.equal(exitCode, 1, output);
      assert.equal(outcome.kind === "diff" && outcome.base.evaluated, false);
      assert.match(
        output,
        /^note: base HEAD \([0-9a-f]{12}\) could not be evaluated[^\n]*\n {2}Pulumi\.dev\.yaml:\d+: config\/invalid: /,
      );
      assert.match(output, /\nPlan for stack dev /);
      assert.match(
        output,
        /\nThis change would fail in AWS \(2 error\(s\)\):\n {2}components\/24\.04\/update-os\.yml:\d+: guard\/component-not-bumped: .*\n {2}settings\.json:\d+: guard\/recipe-not-bumped: .*\n$/,
      );
      const json = JSON.parse(renderOutcome(outcome, true).output) as DiffDocument;
      assert.deepEqual(
        json.errors.map((e) => e.rule),
        ["guard/component-not-bumped", "guard/recipe-not-bumped"],
      );
    } finally {
      git(repo.root, "reset", "--quiet", "--hard", "HEAD~1");
    }
  });

  it("removes its temporary worktree", async () => {
    await plan();
    assert.equal(git(repo.root, "worktree", "list", "--porcelain").match(/^worktree /gm)?.length, 1);
  });

  it("runs from the command line: --stack --json --base", () => {
    changeUpdateOs("1.0.1");
    const cli = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [
          "-r",
          require.resolve("ts-node/register/transpile-only", { paths: [REPO_ROOT] }),
          "tools/plan.ts",
          ...args,
        ],
        {
          cwd: repo.root,
          encoding: "utf8",
        },
      );
    const run = cli("--stack", "prod", "--json", "--base", "HEAD");
    assert.equal(run.status, 1, run.stderr);
    const doc = JSON.parse(run.stdout) as DiffDocument;
    assert.equal(doc.kind, "diff");
    assert.equal(doc.planFormatVersion, 1);
    assert.equal(doc.base.evaluated, true);
    assert.deepEqual(doc.summary && [doc.summary.add, doc.summary.remove], [0, 0]);
    const component = doc.changes.find(
      (c) => c.name === "update-os-ubuntu-24-04" && c.type === "aws:imagebuilder/component:Component",
    );
    assert.equal(component?.action, "replace");
    assert.deepEqual(
      component?.changedInputs?.find((c) => c.path === "version"),
      { path: "version", old: "1.0.0", new: "1.0.1", replaces: true },
    );
    assert.equal(doc.errors[0].rule, "guard/recipe-not-bumped");
    assert.deepEqual(
      doc.outputChanges.find((c) => c.path === "components.update-os-ubuntu-24-04.version"),
      { path: "components.update-os-ubuntu-24-04.version", old: "1.0.0", new: "1.0.1" },
    );
    assert.equal(doc.plan.stack, "prod");
  });
});

describe("plan --base when the program's code changes", function () {
  this.timeout(60_000);
  let repo: TempRepo;
  before(() => {
    repo = makeTempRepo();
  });
  after(() => repo.remove());

  it("reports a component replaced under the same version, which the file-based guard cannot see", async () => {
    const file = "src/resources/versionedComponent.ts";
    repo.write(
      file,
      repo
        .read(file)
        .replace(
          "changeDescription: `component_version ${spec.version}`",
          "changeDescription: `version ${spec.version}`",
        ),
    );
    const outcome = await runPlan({
      root: repo.root,
      entry: path.join(repo.root, "index.ts"),
      stack: "dev",
      base: "HEAD",
    });
    const { output, exitCode } = renderOutcome(outcome, false);
    assert.equal(exitCode, 1);
    assert.match(
      output,
      /\n {2}components\/24\.04\/update-os\.yml: plan\/same-version-replace: component update-os-ubuntu-24-04 1\.0\.0 already exists in AWS and cannot change \(changeDescription changed\): bump component_version, e\.g\. to 1\.0\.1\n/,
    );
    assert.doesNotMatch(output, /guard\//);
  });
});

describe("plan --base on a branch behind its base", function () {
  this.timeout(60_000);
  let repo: TempRepo;
  before(() => {
    repo = makeTempRepo();
  });
  after(() => repo.remove());

  const planAgainst = async (base: string) => {
    const outcome = await runPlan({
      root: repo.root,
      entry: path.join(repo.root, "index.ts"),
      stack: "dev",
      base,
    });
    return { outcome, ...renderOutcome(outcome, false) };
  };

  it("compares with the merge base: main's later bumps are not reversions of an unchanged branch", async () => {
    git(repo.root, "branch", "feature");
    repo.write(
      UPDATE_OS,
      repo
        .read(UPDATE_OS)
        .replace("dpkg --audit", "dpkg --audit\n              echo audited")
        .replace("component_version: 1.0.0", "component_version: 1.0.1"),
    );
    const settings = JSON.parse(repo.read("settings.json")) as {
      supported_ubuntu_versions: Record<string, { recipe_version: string }>;
    };
    settings.supported_ubuntu_versions["24.04"].recipe_version = "1.1.0";
    repo.write("settings.json", JSON.stringify(settings, null, 2));
    const bumped = repo.commit("bump update-os and the 24.04 recipe on main");
    git(repo.root, "checkout", "--quiet", "feature");
    const mergeBase = git(repo.root, "rev-parse", "HEAD");

    const { outcome, output, exitCode } = await planAgainst("main");
    assert.equal(exitCode, 0, output);
    assert.equal(outcome.kind, "diff");
    assert.equal(outcome.kind === "diff" && outcome.base.commit, mergeBase);
    assert.notEqual(mergeBase, bumped);
    assert.match(
      output,
      /^Changes to stack dev .* from main \([0-9a-f]{12}\): 0 to add, 0 to replace, 0 to update, 0 to remove, \d+ unchanged\nNo changes\.\n$/,
    );
    assert.doesNotMatch(output, /1\.0\.1|1\.1\.0|went down|guard\//);
  });

  it("an unknown base is a usage error with the guard's message", async () => {
    await assert.rejects(
      planAgainst("no-such-branch"),
      (e: unknown) =>
        e instanceof PlanUsageError &&
        /--base no-such-branch: base ref "no-such-branch" is not in this clone/.test(e.message),
    );
  });
});

describe("plan --base for a project in a subfolder of its git repository", function () {
  this.timeout(60_000);
  let repo: TempRepo;
  before(() => {
    repo = makeTempRepo("infra/images");
  });
  after(() => repo.remove());

  it("evaluates the base from the same subfolder of the worktree", async () => {
    repo.write(
      UPDATE_OS,
      repo
        .read(UPDATE_OS)
        .replace("dpkg --audit", "dpkg --audit\n              echo audited")
        .replace("component_version: 1.0.0", "component_version: 1.0.1"),
    );
    const outcome = await runPlan({
      root: repo.root,
      entry: path.join(repo.root, "index.ts"),
      stack: "dev",
      base: "HEAD",
    });
    const { output, exitCode } = renderOutcome(outcome, false);
    assert.equal(outcome.kind === "diff" && outcome.base.evaluated, true, output);
    assert.equal(exitCode, 1, output);
    assert.match(output, /\n {4}version: "1\.0\.0" → "1\.0\.1" {2}\[forces replacement\]\n/);
    assert.match(output, /\n {2}settings\.json:\d+: guard\/recipe-not-bumped: Ubuntu 24\.04: /);
    assert.equal(git(repo.root, "worktree", "list", "--porcelain").match(/^worktree /gm)?.length, 1);
  });
});
