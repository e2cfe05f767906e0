import * as assert from "node:assert/strict";
import { forcesReplacement, REPLACE_RULES } from "../../src/plan/replacementRules";
import { runProgram } from "../support/programHarness";

describe("replacement rules", () => {
  it("cover every resource type the program creates, in both stacks", async () => {
    for (const stack of ["dev", "prod"]) {
      const { resources } = await runProgram(stack);
      const missing = [...new Set(resources.filter((r) => r.custom).map((r) => r.type))].filter(
        (t) => !(t in REPLACE_RULES),
      );
      assert.deepEqual(missing, [], `${stack}: types without a replacement rule`);
    }
  });

  it("replace Image Builder components and recipes on any input but tags", () => {
    for (const type of ["aws:imagebuilder/component:Component", "aws:imagebuilder/imageRecipe:ImageRecipe"]) {
      for (const input of [
        "name",
        "version",
        "data",
        "components",
        "parentImage",
        "description",
        "blockDeviceMappings",
      ]) {
        assert.equal(forcesReplacement(type, input), true, `${type} ${input}`);
      }
      assert.equal(forcesReplacement(type, "tags"), false);
    }
  });

  it("update pipelines and distributions in place except for their name", () => {
    const pipeline = "aws:imagebuilder/imagePipeline:ImagePipeline";
    assert.equal(forcesReplacement(pipeline, "imageRecipeArn"), false);
    assert.equal(forcesReplacement(pipeline, "schedule"), false);
    assert.equal(forcesReplacement(pipeline, "name"), true);
    assert.equal(
      forcesReplacement(
        "aws:imagebuilder/distributionConfiguration:DistributionConfiguration",
        "distributions",
      ),
      false,
    );
  });

  it("replace a RAM association when its resource or principal changes", () => {
    assert.equal(forcesReplacement("aws:ram/resourceAssociation:ResourceAssociation", "resourceArn"), true);
    assert.equal(forcesReplacement("aws:ram/principalAssociation:PrincipalAssociation", "principal"), true);
  });

  it("assume only a region move replaces a resource of an unknown type", () => {
    assert.equal(forcesReplacement("aws:s3/bucket:Bucket", "region"), true);
    assert.equal(forcesReplacement("aws:s3/bucket:Bucket", "bucket"), false);
  });
});
