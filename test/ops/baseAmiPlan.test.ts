import * as assert from "node:assert/strict";
import { describePlanEntry, pinnedVersions, planBaseAmiUpdates, planEdits } from "../../src/ops/baseAmiPlan";
import { CANONICAL_UBUNTU_RELEASES, canonicalAmiParameter } from "../../src/ops/canonicalParameters";
import { PARAM_2204, PARAM_2404 } from "./support/fixtures";

describe("Canonical AMI parameters", () => {
  it("maps each known release to the volume type Canonical publishes for it", () => {
    assert.deepEqual(
      Object.keys(CANONICAL_UBUNTU_RELEASES).map((v) => [v, canonicalAmiParameter(v)]),
      [
        ["22.04", "/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id"],
        ["24.04", "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id"],
      ],
    );
    assert.equal(
      canonicalAmiParameter("24.04", "arm64"),
      "/aws/service/canonical/ubuntu/server/24.04/stable/current/arm64/hvm/ebs-gp3/ami-id",
    );
  });

  it("refuses a release it does not know instead of guessing", () => {
    assert.throws(
      () => canonicalAmiParameter("26.04"),
      /no Canonical SSM parameter is known for Ubuntu 26\.04 \(known: 22\.04, 24\.04\)/,
    );
  });
});

describe("base AMI update plan", () => {
  const settings = {
    supported_ubuntu_versions: {
      "22.04": { base_ami: "ami-11111111", recipe_version: "1.0.9" },
      "24.04": { base_ami: "ami-22222222", recipe_version: "2.1.0" },
      "26.04": { base_ami: "ssm:/some/parameter", recipe_version: "1.0.0" },
    },
  };

  it("looks up only pinned AMI ids", () => {
    assert.deepEqual(
      pinnedVersions(settings).map((p) => [p.ubuntuVersion, p.parameter]),
      [
        ["22.04", PARAM_2204],
        ["24.04", PARAM_2404],
      ],
    );
  });

  it("bumps the patch version of a recipe whose parent AMI moved", () => {
    const plan = planBaseAmiUpdates(
      settings,
      new Map([
        [PARAM_2204, "ami-11111111"],
        [PARAM_2404, "ami-0123456789abcdef0"],
      ]),
    );
    assert.deepEqual(plan, [
      { kind: "current", ubuntuVersion: "22.04", parameter: PARAM_2204, ami: "ami-11111111" },
      {
        kind: "update",
        ubuntuVersion: "24.04",
        parameter: PARAM_2404,
        fromAmi: "ami-22222222",
        toAmi: "ami-0123456789abcdef0",
        fromRecipeVersion: "2.1.0",
        toRecipeVersion: "2.1.1",
      },
      { kind: "not-pinned", ubuntuVersion: "26.04", baseAmi: "ssm:/some/parameter" },
    ]);
    assert.deepEqual(planEdits(plan), [
      { ubuntuVersion: "24.04", baseAmi: "ami-0123456789abcdef0", recipeVersion: "2.1.1" },
    ]);
    assert.deepEqual(
      plan.map((e) => describePlanEntry(e, true)),
      [
        "22.04: base_ami ami-11111111 is the newest Canonical AMI, unchanged",
        "24.04: would update base_ami ami-22222222 -> ami-0123456789abcdef0, recipe_version 2.1.0 -> 2.1.1",
        "26.04: base_ami ssm:/some/parameter is resolved at build time, not pinned; nothing to update",
      ],
    );
  });

  it("fails on a missing value or one that is not an AMI id", () => {
    assert.throws(
      () => planBaseAmiUpdates(settings, new Map([[PARAM_2404, "ami-22222222"]])),
      /parameter missing: .*22\.04/,
    );
    assert.throws(
      () =>
        planBaseAmiUpdates(
          settings,
          new Map([
            [PARAM_2204, "ami-11111111"],
            [PARAM_2404, "ami-XYZ"],
          ]),
        ),
      /holds "ami-XYZ", which is not an AMI id/,
    );
  });
});
