import * as assert from "node:assert/strict";
import { BuildResult, buildProject } from "../../src/loader/buildProject";
import { parseProjectDocument, parseProjectSettings } from "../../src/loader/componentDocuments";
import { ProjectFiles } from "../../src/loader/projectFiles";
import { problem } from "../../src/validation/problem";

const CW = "arn:aws:imagebuilder:eu-west-2:aws:component/amazon-cloudwatch-agent-linux/x.x.x";

function doc(name: string, version = "1.0.0"): string {
  return `component_version: ${version}
name: ${name}
description: ${name} component
schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: Run
        action: ExecuteBash
        inputs:
          commands:
            - echo ${name}
`;
}

function settings(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      supported_ubuntu_versions: {
        "24.04": {
          base_ami: "ami-0f9535ce5ed4a1e3d",
          recipe_version: "1.0.6",
          components: [
            { name: "update-os", file: "update-os.yml" },
            { name: "cloudwatch-agent", arn: CW },
            { name: "tools", file: "tools.yml" },
          ],
          shared_components: [{ name: "app-user", file: "app-user.yml" }],
          ...overrides,
        },
      },
    },
    null,
    2,
  );
}

function files(settingsText: string | undefined, extra: Record<string, string> = {}): ProjectFiles {
  return {
    settings: settingsText,
    components: new Map(
      Object.entries({
        "components/24.04/update-os.yml": doc("update-os", "1.0.2"),
        "components/24.04/tools.yml": doc("tools"),
        "components/24.04/app-user.yml": doc("app-user", "2.1.0"),
        ...extra,
      }),
    ),
  };
}

function errors(result: BuildResult) {
  assert.equal(result.project, undefined, "no project is built when there are errors");
  return result.problems.map((p) => ({ file: p.file, line: p.line, rule: p.rule, message: p.message }));
}

describe("buildProject", () => {
  it("turns settings.json and components/ into the project, recipe order kept", () => {
    const { project, problems } = buildProject(files(settings()), { region: "eu-west-2" });
    assert.deepEqual(problems, []);
    assert.ok(project);
    assert.deepEqual(
      project.components.map((c) => [
        c.name,
        c.settingsName,
        c.ubuntuVersion,
        c.file,
        c.version,
        c.inBaseRecipe,
        c.description,
      ]),
      [
        [
          "update-os-ubuntu-24-04",
          "update-os",
          "24.04",
          "components/24.04/update-os.yml",
          "1.0.2",
          true,
          "update-os component",
        ],
        [
          "tools-ubuntu-24-04",
          "tools",
          "24.04",
          "components/24.04/tools.yml",
          "1.0.0",
          true,
          "tools component",
        ],
        [
          "app-user-ubuntu-24-04",
          "app-user",
          "24.04",
          "components/24.04/app-user.yml",
          "2.1.0",
          false,
          "app-user component",
        ],
      ],
    );
    assert.deepEqual(project.images, [
      {
        ubuntuVersion: "24.04",
        name: "base-ubuntu-24-04",
        recipeVersion: "1.0.6",
        parentImage: "ami-0f9535ce5ed4a1e3d",
        rootVolumeSizeGiB: 20,
        steps: [
          { kind: "own", settingsName: "update-os", component: "update-os-ubuntu-24-04" },
          { kind: "managed", settingsName: "cloudwatch-agent", arn: CW },
          { kind: "own", settingsName: "tools", component: "tools-ubuntu-24-04" },
        ],
      },
    ]);
  });

  it("accepts the CDK app's settings.json format unchanged", () => {
    const cdk = `{"supported_ubuntu_versions": {"24.04": {"base_ami": "ami-0f9535ce5ed4a1e3d", "recipe_version": "0.0.6", "components": [{"name": "update-os", "file": "update-os.yml"}, {"name": "cw", "arn": "${CW}"}]}}}`;
    const result = buildProject({
      settings: cdk,
      components: new Map([["components/24.04/update-os.yml", doc("u")]]),
    });
    assert.deepEqual(result.problems, []);
    assert.equal(result.project?.images[0].recipeVersion, "0.0.6");
  });

  it("uses root_volume_size and accepts image ARNs and SSM parameters as base_ami", () => {
    for (const base of [
      "arn:aws:imagebuilder:eu-west-2:aws:image/ubuntu-server-24-lts-x86/x.x.x",
      "ssm:/dc/base/24.04",
    ]) {
      const { project } = buildProject(files(settings({ base_ami: base, root_volume_size: 40 })), {
        region: "eu-west-2",
      });
      assert.equal(project?.images[0].parentImage, base);
      assert.equal(project?.images[0].rootVolumeSizeGiB, 40);
    }
  });

  it("reports a missing settings.json", () => {
    assert.deepEqual(errors(buildProject(files(undefined))), [
      {
        file: "settings.json",
        line: undefined,
        rule: "settings/missing",
        message: "settings.json is missing at the repository root",
      },
    ]);
  });

  it("reports malformed JSON with its line", () => {
    const broken = settings().replace('"recipe_version": "1.0.6",', '"recipe_version": "1.0.6"');
    const [p] = errors(buildProject(files(broken)));
    assert.equal(p.rule, "settings/syntax");
    assert.equal(p.line, 6);
    assert.match(p.message, /^malformed JSON: /);
  });

  it("reports schema violations with path and line, all at once", () => {
    const bad = settings({ recipe_version: "1.0", components: [{ name: "x" }], colour: "blue" });
    assert.deepEqual(errors(buildProject(files(bad))), [
      {
        file: "settings.json",
        line: 5,
        rule: "settings/schema",
        message:
          'supported_ubuntu_versions.24.04.recipe_version: "1.0" is not X.Y.Z with digits only (no leading zeros, no pre-release tags)',
      },
      {
        file: "settings.json",
        line: 7,
        rule: "settings/schema",
        message:
          'supported_ubuntu_versions.24.04.components[0]: component "x" needs exactly one of "file" (a document in components/<version>/) or "arn" (an AWS-managed component)',
      },
      {
        file: "settings.json",
        line: 3,
        rule: "settings/schema",
        message: "supported_ubuntu_versions.24.04: Unrecognized key(s) in object: 'colour'",
      },
    ]);
  });

  it("reports a file that does not exist, a document no entry uses, and duplicate names together", () => {
    const bad = settings({
      components: [
        { name: "update-os", file: "update-os.yml" },
        { name: "update-os", file: "tools.yml" },
        { name: "ghost", file: "ghost.yml" },
      ],
      shared_components: [],
    });
    assert.deepEqual(errors(buildProject(files(bad))), [
      {
        file: "settings.json",
        line: 11,
        rule: "settings/duplicate-name",
        message:
          'Ubuntu 24.04: component name "update-os" is used twice (24.04.components.0 and 24.04.components.1)',
      },
      {
        file: "settings.json",
        line: 17,
        rule: "settings/missing-file",
        message: 'Ubuntu 24.04: component "ghost" names components/24.04/ghost.yml, which does not exist',
      },
      {
        file: "components/24.04/app-user.yml",
        line: undefined,
        rule: "component/unused",
        message:
          'no entry in settings.json uses this document: add it to "components" or "shared_components" of its Ubuntu version, or delete it',
      },
    ]);
  });

  it("reports a document used twice and a path outside the version folder", () => {
    const bad = settings({
      components: [
        { name: "a", file: "tools.yml" },
        { name: "b", file: "tools.yml" },
        { name: "c", file: "../22.04/x.yml" },
      ],
      shared_components: [
        { name: "update-os", file: "update-os.yml" },
        { name: "app-user", file: "app-user.yml" },
      ],
    });
    const rules = errors(buildProject(files(bad))).map((p) => [p.rule, p.message]);
    assert.deepEqual(rules, [
      ["settings/duplicate-file", 'Ubuntu 24.04: "tools.yml" is used by both "a" and "b"'],
      ["settings/file-path", 'Ubuntu 24.04: "../22.04/x.yml" must be a plain path inside components/24.04/'],
    ]);
  });

  it("reports a name Image Builder rejects", () => {
    const bad = settings({
      components: [
        { name: "update.os", file: "update-os.yml" },
        { name: "tools", file: "tools.yml" },
      ],
    });
    const [p] = errors(buildProject(files(bad)));
    assert.equal(p.rule, "imagebuilder/name");
    assert.match(
      p.message,
      /component "update.os" would be named "update.os-ubuntu-24-04" is not a valid Image Builder name/,
    );
  });

  it("reports an AWS-managed ARN in another region and a malformed one", () => {
    const bad = settings({
      components: [
        { name: "cw", arn: CW.replace("eu-west-2", "us-east-1") },
        { name: "bad", arn: "arn:aws:imagebuilder:eu-west-2:aws:component/foo/x.1.x" },
        { name: "update-os", file: "update-os.yml" },
        { name: "tools", file: "tools.yml" },
      ],
    });
    assert.deepEqual(
      errors(buildProject(files(bad), { region: "eu-west-2" })).map((p) => [p.line, p.rule, p.message]),
      [
        [
          9,
          "imagebuilder/managed-arn-region",
          `Ubuntu 24.04: "${CW.replace("eu-west-2", "us-east-1")}" is in us-east-1, but the stack deploys to eu-west-2; a recipe can only use AWS-managed components of its own region`,
        ],
        [
          13,
          "imagebuilder/managed-arn",
          'Ubuntu 24.04: "arn:aws:imagebuilder:eu-west-2:aws:component/foo/x.1.x" has version filter "x.1.x": wildcards must run from the right (x.x.x, 1.x.x, 1.2.x or 1.2.3)',
        ],
      ],
    );
  });

  it("reports a base_ami that is no image, and an image ARN in another region", () => {
    const [p] = errors(buildProject(files(settings({ base_ami: "ubuntu-24.04" }))));
    assert.deepEqual([p.line, p.rule], [4, "settings/base-ami"]);
    assert.match(p.message, /base_ami "ubuntu-24.04" is not an AMI id/);
    const arn = "arn:aws:imagebuilder:us-east-1:aws:image/ubuntu-server-24-lts-x86/x.x.x";
    const [q] = errors(buildProject(files(settings({ base_ami: arn })), { region: "eu-west-2" }));
    assert.equal(q.rule, "settings/base-ami-region");
  });

  it("checks ARNs against every region of `regions`, once per region they are not in", () => {
    const image = "arn:aws:imagebuilder:us-east-1:aws:image/ubuntu-server-24-lts-x86/x.x.x";
    const result = buildProject(files(settings({ base_ami: image })), {
      regions: ["eu-west-2", "us-east-1", "eu-west-2"],
    });
    assert.deepEqual(
      errors(result).map((p) => [p.rule, / deploys to ([\w-]+)/.exec(p.message)?.[1]]),
      [
        ["imagebuilder/managed-arn-region", "us-east-1"],
        ["settings/base-ami-region", "eu-west-2"],
      ],
    );
  });

  it("parses each document once for any number of readers of the same files", () => {
    let validated = 0;
    const same = files(settings());
    buildProject(same, { regions: ["eu-west-2"] }, () => (validated++, []));
    assert.equal(validated, same.components.size, "one AWSTOE validation per document");
    const a = parseProjectDocument(same, "components/24.04/update-os.yml");
    assert.equal(parseProjectDocument(same, "components/24.04/update-os.yml"), a);
    assert.equal(parseProjectSettings(same), parseProjectSettings(same));
  });

  it("collects document problems from every file, with the injected AWSTOE validator's too", () => {
    const result = buildProject(
      files(settings(), {
        "components/24.04/update-os.yml": doc("update-os", "1.0"),
        "components/24.04/tools.yml": "name: [",
      }),
      {},
      (document, file, lineOf) =>
        file.endsWith("app-user.yml")
          ? [
              problem(
                file,
                "awstoe/test",
                `saw ${String((document as { name: string }).name)}`,
                lineOf(["name"]),
              ),
            ]
          : [],
    );
    assert.deepEqual(
      errors(result).map((p) => [p.file, p.line, p.rule]),
      [
        ["components/24.04/update-os.yml", 1, "component/version"],
        ["components/24.04/tools.yml", 2, "yaml/syntax"],
        ["components/24.04/app-user.yml", 2, "awstoe/test"],
      ],
    );
  });
});

describe("buildProject with the AWSTOE rules", () => {
  it("applies AWSTOE validation by default, as the program does", () => {
    const broken = doc("tools").replace("action: ExecuteBash", "action: ExecBash");
    const result = buildProject(files(settings(), { "components/24.04/tools.yml": broken }));
    assert.deepEqual(
      errors(result).map((p) => [p.file, p.line, p.rule]),
      [["components/24.04/tools.yml", 9, "awstoe/unknown-action"]],
    );
    assert.match(result.problems[0].message, /"ExecBash"/);
  });
});

describe("buildProject reports a document's problems together", () => {
  it("checks the structure of a document whose component_version is wrong", () => {
    const broken = doc("tools", "1.0").replace("action: ExecuteBash", "action: ExecBash");
    const result = buildProject(files(settings(), { "components/24.04/tools.yml": broken }));
    assert.deepEqual(
      errors(result).map((p) => [p.file, p.line, p.rule]),
      [
        ["components/24.04/tools.yml", 1, "component/version"],
        ["components/24.04/tools.yml", 9, "awstoe/unknown-action"],
      ],
    );
  });
});
