import * as assert from "node:assert/strict";
import { parseManagedComponentArn } from "../../src/imagebuilder/managedComponentArn";
import {
  arnName,
  baseImageName,
  componentArn,
  componentName,
  nameProblem,
  stackPrefix,
} from "../../src/imagebuilder/naming";
import { parentImageKind, parentImageRegion } from "../../src/imagebuilder/parentImage";
import {
  MAX_VERSION_PART,
  bumpVersion,
  compareVersions,
  versionProblem,
} from "../../src/imagebuilder/version";

describe("Image Builder rules", () => {
  describe("versionProblem", () => {
    for (const ok of ["0.0.1", "1.2.3", "10.20.30", `${MAX_VERSION_PART}.0.0`]) {
      it(`accepts ${ok}`, () => assert.equal(versionProblem(ok), undefined));
    }
    const bad: [unknown, RegExp][] = [
      ["1.2", /"1.2" is not X.Y.Z/],
      ["1.2.3-beta", /no pre-release/],
      ["01.2.3", /no leading zeros/],
      ["v1.2.3", /"v1.2.3" is not X.Y.Z/],
      [`${MAX_VERSION_PART + 1}.0.0`, /larger than 1073741823/],
      [1.2, /must be a string "X.Y.Z", got number 1.2/],
      [undefined, /got nothing/],
    ];
    for (const [value, message] of bad) {
      it(`rejects ${String(value)}`, () => assert.match(versionProblem(value) ?? "", message));
    }
    it("compares and bumps", () => {
      assert.ok(compareVersions("1.0.10", "1.0.9") > 0);
      assert.equal(bumpVersion("1.2.3", "patch"), "1.2.4");
      assert.equal(bumpVersion("1.2.3", "minor"), "1.3.0");
      assert.equal(bumpVersion("1.2.3", "major"), "2.0.0");
    });
  });

  describe("naming", () => {
    it("derives component, image and stack names", () => {
      assert.equal(componentName("update-os", "24.04"), "update-os-ubuntu-24-04");
      assert.equal(baseImageName("22.04"), "base-ubuntu-22-04");
      assert.equal(stackPrefix("prod"), "dc-image-builder-prod");
    });
    it("writes names into ARNs the way Image Builder does", () => {
      assert.equal(arnName("My_Component Name"), "my-component-name");
      assert.equal(
        componentArn("eu-west-2", "111122223333", "Update_OS", "1.0.0"),
        "arn:aws:imagebuilder:eu-west-2:111122223333:component/update-os/1.0.0",
      );
    });
    it("accepts valid names and quotes the invalid one", () => {
      assert.equal(nameProblem("update-os-ubuntu-24-04"), undefined);
      assert.equal(nameProblem("with inner space"), undefined);
      assert.match(nameProblem("ab") ?? "", /"ab" is not a valid Image Builder name/);
      assert.match(nameProblem("dots.are.bad") ?? "", /"dots.are.bad"/);
      assert.match(nameProblem(`${"a".repeat(129)}`) ?? "", /3-128 characters/);
    });
  });

  describe("AWS-managed component ARNs", () => {
    it("parses region, name and version filter", () => {
      assert.deepEqual(
        parseManagedComponentArn(
          "arn:aws:imagebuilder:eu-west-2:aws:component/amazon-cloudwatch-agent-linux/1.x.x",
        ),
        { region: "eu-west-2", name: "amazon-cloudwatch-agent-linux", versionFilter: "1.x.x" },
      );
    });
    for (const filter of ["x.x.x", "1.x.x", "1.2.x", "1.2.3"]) {
      it(`accepts version filter ${filter}`, () =>
        assert.equal(
          typeof parseManagedComponentArn(`arn:aws:imagebuilder:us-east-1:aws:component/x-y/${filter}`),
          "object",
        ));
    }
    it("rejects a filter that wildcards from the left", () => {
      assert.match(
        String(parseManagedComponentArn("arn:aws:imagebuilder:eu-west-2:aws:component/foo/x.2.x")),
        /version filter "x.2.x": wildcards must run from the right/,
      );
    });
    it("rejects an account-owned component and garbage", () => {
      assert.match(
        String(parseManagedComponentArn("arn:aws:imagebuilder:eu-west-2:111122223333:component/foo/1.0.0")),
        /is not an AWS-managed component ARN/,
      );
      assert.match(
        String(parseManagedComponentArn("cloudwatch")),
        /"cloudwatch" is not an AWS-managed component ARN/,
      );
    });
  });

  describe("parent images", () => {
    it("recognises AMI ids, image ARNs and SSM parameters", () => {
      assert.equal(parentImageKind("ami-0a94a70b8a1454a4b"), "ami");
      assert.equal(parentImageKind("ami-12345678"), "ami");
      assert.equal(
        parentImageKind("arn:aws:imagebuilder:eu-west-2:aws:image/ubuntu-server-24-lts-x86/x.x.x"),
        "image-arn",
      );
      assert.equal(
        parentImageKind(
          "ssm:/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id",
        ),
        "ssm",
      );
      assert.equal(parentImageKind("ami-XYZ"), undefined);
      assert.equal(parentImageKind("ubuntu"), undefined);
    });
    it("reads the region of an image ARN", () => {
      assert.equal(
        parentImageRegion("arn:aws:imagebuilder:us-east-1:aws:image/ubuntu-server-22-lts-x86/2024.1.1"),
        "us-east-1",
      );
      assert.equal(parentImageRegion("ami-0a94a70b8a1454a4b"), undefined);
      assert.equal(
        parentImageRegion("arn:aws:imagebuilder:us-east-1:aws:image/ubuntu-server-22-lts-x86/1.x.x"),
        "us-east-1",
      );
    });
  });
});
