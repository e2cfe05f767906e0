import * as assert from "node:assert/strict";
import { PlanUsageError } from "../../src/plan/planUsageError";
import { parsePlanArgs } from "../../src/plan/cli";

describe("plan command line", () => {
  it("defaults to the dev stack, text output, no base", () => {
    assert.deepEqual(parsePlanArgs([]), { stack: "dev", json: false, base: undefined });
  });

  it("reads --stack, --json and --base, also as --flag=value", () => {
    assert.deepEqual(parsePlanArgs(["--stack", "prod", "--json", "--base", "origin/main"]), {
      stack: "prod",
      json: true,
      base: "origin/main",
    });
    assert.deepEqual(parsePlanArgs(["--stack=prod", "--base=HEAD~1"]), {
      stack: "prod",
      json: false,
      base: "HEAD~1",
    });
    assert.deepEqual(parsePlanArgs(["--help"]), { help: true });
  });

  it("rejects unknown arguments and missing values as usage errors (exit 2)", () => {
    assert.throws(
      () => parsePlanArgs(["--bogus"]),
      (e: unknown) => e instanceof PlanUsageError && /unknown argument --bogus/.test(e.message),
    );
    assert.throws(() => parsePlanArgs(["--stack"]), /--stack needs a value/);
    assert.throws(() => parsePlanArgs(["--base", "--json"]), /--base needs a value/);
    assert.throws(
      () => parsePlanArgs(["--json=yes"]),
      (e: unknown) => e instanceof PlanUsageError && e.message === "--json takes no value",
    );
    assert.throws(
      () => parsePlanArgs(["dev"]),
      (e: unknown) => e instanceof PlanUsageError && e.message === "unknown argument dev",
    );
    assert.throws(
      () => parsePlanArgs(["-x"]),
      (e: unknown) => e instanceof PlanUsageError && e.message === "unknown argument -x",
    );
    assert.deepEqual(parsePlanArgs(["-h"]), { help: true });
    assert.deepEqual(parsePlanArgs(["--json", "--help"]), { help: true });
  });
});
