import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { locateAt, locateJson, replaceJsonStrings } from "../../src/loader/jsonLocations";
import { editSettingsText } from "../../src/ops/settingsEditor";
import { CURRENT_2404, SETTINGS_TEXT } from "./support/fixtures";
import { REPO_ROOT } from "./support/tempProject";

describe("settings.json editor", () => {
  it("changes only the two values of the named version, every other byte as it was", () => {
    const out = editSettingsText(SETTINGS_TEXT, [
      { ubuntuVersion: "24.04", baseAmi: "ami-0123456789abcdef0", recipeVersion: "1.0.1" },
    ]);
    const before = SETTINGS_TEXT.split("\n");
    const after = out.split("\n");
    assert.equal(after.length, before.length);
    const changed = after.map((l, i) => [before[i], l]).filter(([b, a]) => a !== b);
    assert.deepEqual(changed, [
      [`      "base_ami": "${CURRENT_2404}",`, `      "base_ami": "ami-0123456789abcdef0",`],
      ['      "recipe_version": "1.0.0",', '      "recipe_version": "1.0.1",'],
    ]);
  });

  it("keeps compact, tab-indented and CRLF layouts and a missing final newline", () => {
    const doc = {
      supported_ubuntu_versions: {
        "22.04": {
          base_ami: "ami-11111111",
          recipe_version: "2.3.4",
          components: [{ name: "a", file: "a.yml" }],
        },
      },
    };
    for (const text of [
      JSON.stringify(doc),
      JSON.stringify(doc, null, "\t"),
      JSON.stringify(doc, null, 2).replace(/\n/g, "\r\n") + "\r\n",
    ]) {
      const out = editSettingsText(text, [
        { ubuntuVersion: "22.04", baseAmi: "ami-22222222", recipeVersion: "2.3.5" },
      ]);
      assert.equal(out, text.replace("ami-11111111", "ami-22222222").replace("2.3.4", "2.3.5"));
    }
  });

  it("edits several versions at once and finds keys in any order", () => {
    const text =
      '{"supported_ubuntu_versions":{"24.04":{"recipe_version":"1.2.3","components":[],"base_ami":"ami-aaaaaaaa"},' +
      '"22.04":{"base_ami":"ami-bbbbbbbb","recipe_version":"0.0.9"}}}';
    const out = editSettingsText(text, [
      { ubuntuVersion: "22.04", baseAmi: "ami-cccccccc", recipeVersion: "0.0.10" },
      { ubuntuVersion: "24.04", baseAmi: "ami-dddddddd", recipeVersion: "1.2.4" },
    ]);
    assert.equal(
      out,
      '{"supported_ubuntu_versions":{"24.04":{"recipe_version":"1.2.4","components":[],"base_ami":"ami-dddddddd"},' +
        '"22.04":{"base_ami":"ami-cccccccc","recipe_version":"0.0.10"}}}',
    );
  });

  it("does not touch a same-named key elsewhere (a component called base_ami, an escaped string)", () => {
    const text =
      '{"note":"\\"base_ami\\": \\"ami-aaaaaaaa\\"","supported_ubuntu_versions":{"22.04":{"components":[{"base_ami":"ami-aaaaaaaa"}],' +
      '"base_ami":"ami-aaaaaaaa","recipe_version":"1.0.0"}}}';
    const out = editSettingsText(text, [
      { ubuntuVersion: "22.04", baseAmi: "ami-bbbbbbbb", recipeVersion: "1.0.1" },
    ]);
    const doc = JSON.parse(out);
    assert.equal(doc.note, '"base_ami": "ami-aaaaaaaa"');
    assert.equal(doc.supported_ubuntu_versions["22.04"].components[0].base_ami, "ami-aaaaaaaa");
    assert.equal(doc.supported_ubuntu_versions["22.04"].base_ami, "ami-bbbbbbbb");
  });

  it("returns the text unchanged for no edits, and this repository's settings.json is editable", () => {
    assert.equal(editSettingsText(SETTINGS_TEXT, []), SETTINGS_TEXT);
    const real = fs.readFileSync(path.join(REPO_ROOT, "settings.json"), "utf8");
    const versions = Object.keys(JSON.parse(real).supported_ubuntu_versions);
    const out = editSettingsText(
      real,
      versions.map((v) => ({ ubuntuVersion: v, baseAmi: "ami-0123456789abcdef0", recipeVersion: "9.9.9" })),
    );
    assert.equal(out.split("\n").length, real.split("\n").length);
  });

  it("throws for a version that is not there or a value that is not a string", () => {
    assert.throws(
      () =>
        editSettingsText(SETTINGS_TEXT, [
          { ubuntuVersion: "20.04", baseAmi: "ami-11111111", recipeVersion: "1.0.0" },
        ]),
      /supported_ubuntu_versions\["20\.04"\]\.base_ami not found/,
    );
    const numeric = '{"supported_ubuntu_versions":{"22.04":{"base_ami":"ami-11111111","recipe_version":1}}}';
    assert.throws(
      () =>
        editSettingsText(numeric, [
          { ubuntuVersion: "22.04", baseAmi: "ami-11111111", recipeVersion: "1.0.1" },
        ]),
      /recipe_version is not a string/,
    );
    assert.throws(() => editSettingsText("{", []), SyntaxError);
  });

  it("replaceJsonStrings refuses a result that means anything but the values asked for", () => {
    const text = '{"a": {"b": "1"}, "c": "2"}';
    assert.equal(
      replaceJsonStrings(text, [
        { path: ["a", "b"], value: "x" },
        { path: ["c"], value: "y" },
      ]),
      '{"a": {"b": "x"}, "c": "y"}',
    );
    assert.throws(
      () =>
        replaceJsonStrings(text, [
          { path: ["a", "b"], value: "long value" },
          { path: ["a", "b"], value: "z" },
        ]),
      /the edit changed more than a\.b, a\.b; nothing written/,
    );
  });

  it("locates values with their exact spans", () => {
    const text = ' { "a" : [ 1 , "x\\u0041" , { "b" : null } ] , "c" : true } ';
    const root = locateJson(text);
    assert.equal(
      text.slice(root.start, root.end),
      '{ "a" : [ 1 , "x\\u0041" , { "b" : null } ] , "c" : true }',
    );
    const a = locateAt(root, ["a"]);
    assert.equal(a?.kind, "array");
    if (a?.kind !== "array") return;
    assert.deepEqual(
      a.items.map((i) => text.slice(i.start, i.end)),
      ["1", '"x\\u0041"', '{ "b" : null }'],
    );
    assert.deepEqual(a.items[1].kind === "scalar" && a.items[1].value, "xA");
    assert.equal(text.slice(locateAt(root, ["c"])!.start, locateAt(root, ["c"])!.end), "true");
    assert.equal(locateAt(root, ["a", "b"]), undefined);
  });
});
