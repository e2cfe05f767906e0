import * as assert from "node:assert/strict";
import { diffPlans } from "../../src/plan/diffPlans";
import { Plan, PlannedResource } from "../../src/plan/planDocument";
import { renderDiffText } from "../../src/plan/renderDiffText";
import { SAME_VERSION_RULE, sameVersionReplacements } from "../../src/plan/sameVersionReplacements";

const COMPONENT = "aws:imagebuilder/component:Component";
const RECIPE = "aws:imagebuilder/imageRecipe:ImageRecipe";
const PIPELINE = "aws:imagebuilder/imagePipeline:ImagePipeline";

function resource(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  retainOnDelete = false,
): PlannedResource {
  return {
    urn: `urn:pulumi:dev::p::${type}::${name}`,
    type,
    name,
    parent: null,
    custom: true,
    inputs,
    retainOnDelete,
    deleteBeforeReplace: false,
  };
}

function plan(...resources: PlannedResource[]): Plan {
  return {
    planFormatVersion: 1,
    kind: "plan",
    project: "p",
    stack: "dev",
    account: "111122223333",
    region: "eu-west-2",
    resources,
    outputs: {},
    resourceCounts: {},
  };
}

const arn = (name: string, version: string) =>
  `arn:aws:imagebuilder:eu-west-2:111122223333:component/${name}/${version}/1`;
const component = (version: string, data: string, tags: Record<string, string> = {}) =>
  resource(
    COMPONENT,
    "update-os",
    { name: "update-os", version, data, tags: { source_file: "components/24.04/update-os.yml", ...tags } },
    true,
  );
const recipe = (version: string, ...components: string[]) =>
  resource(
    RECIPE,
    "recipe",
    {
      name: "base",
      version,
      components: components.map((componentArn) => ({ componentArn })),
      tags: { ubuntu_version: "24.04" },
    },
    true,
  );

describe("diffPlans", () => {
  it("reports nothing for equal plans", () => {
    const d = diffPlans(plan(component("1.0.0", "a")), plan(component("1.0.0", "a")));
    assert.deepEqual([d.added.length, d.removed.length, d.changed.length, d.unchanged], [0, 0, 0, 1]);
  });

  it("matches by URN: added and removed resources", () => {
    const a = resource(PIPELINE, "a", { name: "a" });
    const b = resource(PIPELINE, "b", { name: "b" });
    const d = diffPlans(plan(a), plan(b));
    assert.deepEqual(
      d.added.map((r) => r.name),
      ["b"],
    );
    assert.deepEqual(
      d.removed.map((r) => r.name),
      ["a"],
    );
  });

  it("a component version bump replaces it, with each changed input old → new", () => {
    const d = diffPlans(plan(component("1.0.0", "a")), plan(component("1.0.1", "b")));
    assert.equal(d.changed.length, 1);
    const [c] = d.changed;
    assert.equal(c.action, "replace");
    assert.deepEqual(
      c.changes.map((x) => [x.path, x.old, x.new, x.replaces]),
      [
        ["data", "a", "b", true],
        ["version", "1.0.0", "1.0.1", true],
      ],
    );
    assert.deepEqual(
      sameVersionReplacements(d.changed).map((r) => r.problem),
      [],
    );
  });

  it("a tags-only change updates in place, with nested paths", () => {
    const d = diffPlans(
      plan(component("1.0.0", "a", { owner: "x" })),
      plan(component("1.0.0", "a", { owner: "y" })),
    );
    assert.equal(d.changed[0].action, "update");
    assert.deepEqual(d.changed[0].changes, [{ path: "tags.owner", old: "x", new: "y", replaces: false }]);
  });

  it("an input that appears or disappears has no old or no new value", () => {
    const d = diffPlans(
      plan(resource(PIPELINE, "p", { name: "p" })),
      plan(resource(PIPELINE, "p", { name: "p", description: "d" })),
    );
    assert.deepEqual(d.changed[0].changes, [{ path: "description", new: "d", replaces: false }]);
  });

  it("compares a recipe's component list as one ordered value and shows the new order", () => {
    const head = plan(recipe("1.0.1", arn("b", "1.0.0"), arn("a", "1.0.0")));
    const d = diffPlans(plan(recipe("1.0.0", arn("a", "1.0.0"), arn("b", "1.0.0"))), head);
    const components = d.changed[0].changes.find((c) => c.path === "components");
    assert.ok(components);
    assert.deepEqual(components.new, [
      { componentArn: arn("b", "1.0.0") },
      { componentArn: arn("a", "1.0.0") },
    ]);
    const text = renderDiffText({ ref: "main", commit: "0123456789abcdef" }, head, d, []);
    assert.match(
      text,
      /components: {2}\[forces replacement\]\n {6}before:\n {8}1\. a@1\.0\.0\n {8}2\. b@1\.0\.0\n {6}after:\n {8}1\. b@1\.0\.0\n {8}2\. a@1\.0\.0\n/,
    );
  });
});

describe("diffPlans on outputs", () => {
  it("lists each changed output leaf with old and new", () => {
    const base = { ...plan(), outputs: { recipes: { "24.04": { version: "1.0.0" } }, region: "eu-west-2" } };
    const head = {
      ...plan(),
      outputs: { recipes: { "24.04": { version: "1.0.1" } }, region: "eu-west-2", extra: 1 },
    };
    assert.deepEqual(diffPlans(base, head).outputs, [
      { path: "extra", new: 1 },
      { path: "recipes.24.04.version", old: "1.0.0", new: "1.0.1" },
    ]);
  });
});

describe("sameVersionReplacements", () => {
  it("a component whose content changed under the same version is an error naming its file and the next version", () => {
    const d = diffPlans(plan(component("1.0.0", "a")), plan(component("1.0.0", "b")));
    const problems = sameVersionReplacements(d.changed).map((r) => r.problem);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].rule, SAME_VERSION_RULE);
    assert.equal(problems[0].file, "components/24.04/update-os.yml");
    assert.match(
      problems[0].message,
      /update-os 1\.0\.0 already exists.*\(data changed\).*bump component_version, e\.g\. to 1\.0\.1/,
    );
  });

  it("a recipe whose components changed under the same version is an error pointing at settings.json", () => {
    const d = diffPlans(plan(recipe("1.2.3", arn("a", "1.0.0"))), plan(recipe("1.2.3", arn("a", "1.0.1"))));
    const [p] = sameVersionReplacements(d.changed).map((r) => r.problem);
    assert.equal(p.file, "settings.json");
    assert.match(p.message, /recipe base 1\.2\.3 .*bump recipe_version of "24\.04", e\.g\. to 1\.2\.4/);
  });

  it("updates in place (tags) are not errors", () => {
    const d = diffPlans(
      plan(component("1.0.0", "a", { owner: "x" })),
      plan(component("1.0.0", "a", { owner: "y" })),
    );
    assert.deepEqual(
      sameVersionReplacements(d.changed).map((r) => r.problem),
      [],
    );
  });
});
