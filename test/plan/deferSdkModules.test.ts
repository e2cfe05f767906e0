import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { REPO_ROOT } from "../support/programHarness";

describe("deferUnusedSdkModules", () => {
  it("loads the Automation API, the closure parser and AWS services only when read, and they still work", function () {
    this.timeout(30_000);
    // A separate process: the hook changes module loading for the whole process.
    const script = `
      require(${JSON.stringify(path.join(REPO_ROOT, "src", "plan", "deferSdkModules.ts"))}).deferUnusedSdkModules();
      const loaded = (p) => Object.keys(require.cache).some((f) => f.includes(p));
      const pulumi = require("@pulumi/pulumi");
      const before = [loaded("/automation/localWorkspace"), loaded("/@pulumi/pulumi/typescript-shim.js"), loaded("/@npmcli/arborist/")];
      const workspace = typeof pulumi.automation.LocalWorkspace;
      const parse = require("@pulumi/pulumi/runtime/closure/parseFunction");
      const aws = require("@pulumi/aws");
      const awsBefore = [loaded("/@pulumi/aws/xray/index.js"), loaded("/@pulumi/aws/imagebuilder/index.js")];
      const component = typeof aws.imagebuilder.Component;
      const awsAfter = [loaded("/@pulumi/aws/xray/index.js"), loaded("/@pulumi/aws/imagebuilder/index.js")];
      process.stdout.write(JSON.stringify({ before, workspace, after: loaded("/automation/localWorkspace"), parse: typeof parse.parseFunction, awsBefore, component, awsAfter }));
    `;
    const r = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], {
      cwd: REPO_ROOT,
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      before: [false, false, false],
      workspace: "function",
      after: true,
      parse: "function",
      awsBefore: [false, false],
      component: "function",
      awsAfter: [false, true],
    });
  });
});
