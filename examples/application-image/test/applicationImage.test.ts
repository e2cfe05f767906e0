import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { CONTRACT_VERSION } from "../../../src/outputs/stackOutputs";
import type { StackOutputs } from "../../../src/outputs/stackOutputs";

/**
 * What dc-image-builder's prod stack exports, typed with its contract: a field renamed or retyped there
 * fails this file's typecheck, and a bumped CONTRACT_VERSION fails the program's version check below.
 */
const BASE_OUTPUTS: StackOutputs = {
  contractVersion: CONTRACT_VERSION,
  region: "eu-west-2",
  accountId: "777788889999",
  components: {
    "application-user-ubuntu-24-04": {
      arn: "arn:aws:imagebuilder:eu-west-2:777788889999:component/application-user-ubuntu-24-04/1.0.0/1",
      name: "application-user-ubuntu-24-04",
      version: "1.0.0",
      ubuntuVersion: "24.04",
      settingsName: "application-user",
      inBaseRecipe: false,
    },
    "application-user-ubuntu-22-04": {
      arn: "arn:aws:imagebuilder:eu-west-2:777788889999:component/application-user-ubuntu-22-04/1.0.0/1",
      name: "application-user-ubuntu-22-04",
      version: "1.0.0",
      ubuntuVersion: "22.04",
      settingsName: "application-user",
      inBaseRecipe: false,
    },
  },
  recipes: {
    "24.04": {
      arn: "arn:aws:imagebuilder:eu-west-2:777788889999:image-recipe/base-ubuntu-24-04/1.0.0",
      name: "base-ubuntu-24-04",
      version: "1.0.0",
    },
  },
  pipelines: {
    "24.04": {
      arn: "arn:aws:imagebuilder:eu-west-2:777788889999:image-pipeline/base-ubuntu-24-04",
      name: "base-ubuntu-24-04",
      version: "1.0.0",
    },
  },
  baseAmiSsmParameters: {
    "24.04": "/dc-image-builder/base-ami/ubuntu-24.04",
    "22.04": "/dc-image-builder/base-ami/ubuntu-22.04",
  },
  resourceShareArn: "arn:aws:ram:eu-west-2:777788889999:resource-share/0f0e0d0c-1111-2222-3333-444455556666",
  buildNotificationsTopicArn: "arn:aws:sns:eu-west-2:777788889999:dc-image-builder-prod-builds",
};

interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}

function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

describe("example: application image on the base stack's outputs", () => {
  const registered: Registered[] = [];
  let program: Record<string, pulumi.Output<unknown>>;

  before(async () => {
    pulumi.runtime.setAllConfig({
      "aws:region": "eu-west-2",
      "application-image:baseStack": "my-org/dc-image-builder/prod",
      "application-image:ubuntuVersion": "24.04",
    });
    await pulumi.runtime.setMocks(
      {
        newResource(args) {
          registered.push({ type: args.type, name: args.name, inputs: args.inputs });
          if (args.type === "pulumi:pulumi:StackReference") {
            return { id: String(args.inputs.name), state: { name: args.inputs.name, outputs: BASE_OUTPUTS } };
          }
          const kind = args.type === "aws:imagebuilder/component:Component" ? "component" : "image-recipe";
          const arn = `arn:aws:imagebuilder:eu-west-2:123456789012:${kind}/${String(args.inputs.name)}/${String(args.inputs.version)}/1`;
          return { id: `${args.name}-id`, state: { ...args.inputs, arn } };
        },
        call(args) {
          throw new Error(`unexpected invoke ${args.token}`);
        },
      },
      "application-image",
      "dev",
      false,
    );
    const entry = path.join(__dirname, "..", "index.ts");
    delete require.cache[require.resolve(entry)];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    program = require(entry) as Record<string, pulumi.Output<unknown>>;
    await promiseOf(program.recipeArn);
  });

  it("reads the base stack named in config through a StackReference", () => {
    const refs = registered.filter((r) => r.type === "pulumi:pulumi:StackReference");
    assert.deepEqual(
      refs.map((r) => r.inputs.name),
      ["my-org/dc-image-builder/prod"],
    );
  });

  it("builds its recipe on the base AMI's SSM parameter with the shared component and its own", async () => {
    const recipe = registered.find((r) => r.type === "aws:imagebuilder/imageRecipe:ImageRecipe");
    const own = registered.find((r) => r.type === "aws:imagebuilder/component:Component");
    assert.ok(recipe && own);
    assert.equal(recipe.inputs.name, "application-ubuntu-24-04");
    assert.equal(
      recipe.inputs.parentImage,
      "ssm:arn:aws:ssm:eu-west-2:777788889999:parameter/dc-image-builder/base-ami/ubuntu-24.04",
    );
    assert.deepEqual(recipe.inputs.components, [
      { componentArn: BASE_OUTPUTS.components["application-user-ubuntu-24-04"].arn },
      {
        componentArn: "arn:aws:imagebuilder:eu-west-2:123456789012:component/app-setup-ubuntu-24-04/1.0.0/1",
      },
    ]);
    assert.equal(own.inputs.platform, "Linux");
    assert.match(String(own.inputs.data), /^name: app-setup\n/);
    assert.equal(
      await promiseOf(program.sharedComponentArn),
      BASE_OUTPUTS.components["application-user-ubuntu-24-04"].arn,
    );
  });

  it("is written against the base project's current contract version", async () => {
    const { EXPECTED_CONTRACT_VERSION, checkContractVersion } = await import("../applicationImage");
    assert.equal(
      EXPECTED_CONTRACT_VERSION,
      CONTRACT_VERSION,
      "dc-image-builder bumped its stack-output contract: update examples/application-image for it",
    );
    assert.throws(
      () => checkContractVersion(CONTRACT_VERSION + 1),
      /contract version \d+, this program expects/,
    );
  });

  it("says what is missing when the base stack lacks the version or the shared component", async () => {
    const { parentImageParameter, sharedComponent } = await import("../applicationImage");
    assert.throws(
      () => parentImageParameter(BASE_OUTPUTS, "26.04"),
      /publishes no base AMI for Ubuntu 26\.04/,
    );
    assert.throws(
      () => sharedComponent(BASE_OUTPUTS.components, "nginx", "24.04"),
      /shares no component "nginx"/,
    );
  });
});
