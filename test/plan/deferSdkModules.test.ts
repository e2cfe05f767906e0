import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { lazyModule } from "../../src/plan/deferSdkModules";
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

describe("lazyModule", () => {
  class Base {
    inherited() {
      return "base";
    }
  }
  const make = () => {
    let loads = 0;
    const real = Object.assign(Object.create(Base.prototype) as Base, { a: 1, b: 2 });
    const proxy = lazyModule(() => {
      loads++;
      return real;
    }) as Base & Record<string | symbol, unknown>;
    return { real, proxy, loads: () => loads };
  };

  it("answers __esModule without loading, and loads once on first use", () => {
    const { proxy, loads } = make();
    assert.equal(proxy.__esModule, true);
    assert.equal(loads(), 0);
    assert.equal(proxy.a, 1);
    assert.equal(proxy.b, 2);
    assert.equal(loads(), 1);
  });

  it("forwards every operation to the real module", () => {
    const { real, proxy } = make();
    const r = real as unknown as Record<string, unknown>;
    proxy.c = 3;
    assert.equal(r.c, 3);
    assert.equal("c" in proxy, true);
    assert.equal("inherited" in proxy, true);
    assert.deepEqual(Object.keys(proxy), ["a", "b", "c"]);
    assert.deepEqual({ ...proxy }, { a: 1, b: 2, c: 3 });
    assert.deepEqual(Object.getOwnPropertyDescriptor(proxy, "a"), {
      value: 1,
      writable: true,
      enumerable: true,
      configurable: true,
    });
    Object.defineProperty(proxy, "d", { value: 4, enumerable: true, configurable: true });
    assert.equal(r.d, 4);
    Object.defineProperty(proxy, "e", { value: 5, enumerable: false, configurable: false });
    assert.equal(Object.getOwnPropertyDescriptor(real, "e")?.configurable, false);
    assert.equal(Object.getOwnPropertyDescriptor(proxy, "e")?.configurable, false);
    assert.equal(delete proxy.a, true);
    assert.equal("a" in real, false);
    assert.equal(Object.getPrototypeOf(proxy), Base.prototype);
    assert.equal(proxy instanceof Base, true);
    assert.equal(proxy.inherited(), "base");
    const other = { other: () => "other" };
    Object.setPrototypeOf(proxy, other);
    assert.equal(Object.getPrototypeOf(real), other);
  });
});
