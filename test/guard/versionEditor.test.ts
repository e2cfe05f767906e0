import { strict as assert } from "node:assert";
import { setComponentVersion, setRecipeVersion } from "../../src/guard/versionEditor";

describe("version editor", () => {
  describe("setComponentVersion", () => {
    it("changes only the version value, keeping quotes and comments", () => {
      const cases: [string, string][] = [
        ["component_version: 1.0.2\n", "component_version: 1.0.3\n"],
        ['component_version: "1.0.2" # bump me\n', 'component_version: "1.0.3" # bump me\n'],
        ["component_version:   '1.0.2'\n", "component_version:   '1.0.3'\n"],
        [
          "component_version : 1.0.2   # spaced\r\nname: x\r\n",
          "component_version : 1.0.3   # spaced\r\nname: x\r\n",
        ],
      ];
      for (const [before, after] of cases) assert.equal(setComponentVersion(before, "1.0.3"), after);
    });

    it("ignores indented keys and block scalar text, and refuses ambiguous or missing lines", () => {
      const text = "name: x\nphases:\n  - component_version: 9.9.9\ncomponent_version: 1.0.0\n";
      assert.equal(setComponentVersion(text, "1.0.1"), text.replace("1.0.0", "1.0.1"));
      assert.throws(
        () => setComponentVersion("name: x\n", "1.0.1"),
        /no top-level "component_version: X\.Y\.Z" line/,
      );
      assert.throws(
        () => setComponentVersion("component_version: 1.0.0\ncomponent_version: 1.0.0\n", "1.0.1"),
        /appears 2 times/,
      );
    });

    it("refuses an edit that would not give the same content with the new version", () => {
      const body = "name: x\nschemaVersion: 1.0\nphases: []\n";
      for (const line of ["component_version: &v 1.0.0\n", "component_version: !!str 1.0.0\n"]) {
        assert.throws(
          () => setComponentVersion(line + body, "1.0.1"),
          /would not give the same document with version 1\.0\.1; edit it by hand/,
          line,
        );
      }
      assert.throws(
        () => setComponentVersion("component_version: 1.0.0\nname: [\n", "1.0.1"),
        /does not parse/,
      );
    });
  });

  describe("setRecipeVersion", () => {
    const settings = `{
  "supported_ubuntu_versions": {
    "22.04": { "recipe_version": "1.0.0", "base_ami": "ami-1" },
    "24.04": {
      "base_ami": "ami-2", "note": "recipe_version \\"24.04\\" {",
      "recipe_version":   "1.0.0" ,
      "components": [{ "name": "a", "recipe_version": "0.0.1" }]
    }
  }
}
`;

    it("changes the value inside the right Ubuntu version's object and nothing else", () => {
      const edited = setRecipeVersion(settings, "24.04", "1.0.1");
      assert.equal(edited, settings.replace('"recipe_version":   "1.0.0"', '"recipe_version":   "1.0.1"'));
      assert.equal(
        setRecipeVersion(settings, "22.04", "2.0.0"),
        settings.replace('{ "recipe_version": "1.0.0"', '{ "recipe_version": "2.0.0"'),
      );
      assert.throws(
        () => setRecipeVersion(settings, "26.04", "1.0.0"),
        /supported_ubuntu_versions\["26\.04"\]\.recipe_version not found/,
      );
    });

    it("keeps duplicate keys' last value like JSON.parse, and refuses malformed JSON", () => {
      const text =
        '{"supported_ubuntu_versions": {"24.04": {"recipe_version": "1.0.0", "recipe_version": "1.0.1"}}}';
      assert.equal(
        setRecipeVersion(text, "24.04", "1.0.2"),
        '{"supported_ubuntu_versions": {"24.04": {"recipe_version": "1.0.0", "recipe_version": "1.0.2"}}}',
      );
      assert.throws(() => setRecipeVersion('{"supported_ubuntu_versions": ', "24.04", "1.0.0"), SyntaxError);
      assert.throws(
        () =>
          setRecipeVersion(
            '{"supported_ubuntu_versions": {"24.04": {"recipe_version": 1}}}',
            "24.04",
            "1.0.0",
          ),
        /supported_ubuntu_versions\["24\.04"\]\.recipe_version is not a string/,
      );
    });
  });
});
