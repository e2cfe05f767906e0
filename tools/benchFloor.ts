// The benchmark's floor (npm run bench): registers exactly the resources of a plan (same type, name,
// parent and inputs, through the same @pulumi/aws classes) under bare Pulumi mocks, with no program,
// no capture and no rendering: what the SDK alone costs for that work.
// Usage: node dist/tools/benchFloor.js <plan.json>
import * as fs from "node:fs";
import type * as PulumiModule from "@pulumi/pulumi";
import { deferUnusedSdkModules } from "../src/plan/deferSdkModules";
import type { Plan } from "../src/plan/planDocument";

// The same SDK start-up as the plan: deferred modules, and the provider package the types come from.
deferUnusedSdkModules();
/* eslint-disable @typescript-eslint/no-require-imports */
const pulumi = require("@pulumi/pulumi") as typeof PulumiModule;
const aws = require("@pulumi/aws") as Record<string, Record<string, unknown>>;
/* eslint-enable @typescript-eslint/no-require-imports */

type ResourceClass = new (
  name: string,
  args: object,
  opts: PulumiModule.CustomResourceOptions,
) => PulumiModule.Resource;

/** `aws:imagebuilder/component:Component` → aws.imagebuilder.Component. */
function awsClass(type: string): ResourceClass | undefined {
  const [pkg, mod, name] = type.split(":");
  if (pkg !== "aws" || mod === undefined || name === undefined) return undefined;
  const cls = aws[mod.split("/")[0]]?.[name];
  return typeof cls === "function" ? (cls as ResourceClass) : undefined;
}

/** Concrete subclasses: CustomResource is abstract and registerOutputs protected. */
class FloorResource extends pulumi.CustomResource {}
class FloorComponent extends pulumi.ComponentResource {
  public done(): void {
    this.registerOutputs({});
  }
}

async function main(file: string): Promise<void> {
  const plan = JSON.parse(fs.readFileSync(file, "utf8")) as Plan;
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
      call: (args) => {
        throw new Error(`unexpected invoke ${args.token}`);
      },
    },
    plan.project,
    plan.stack,
    false,
  );
  const byUrn = new Map<string, PulumiModule.Resource>();
  for (const r of plan.resources) {
    const parent = r.parent === null ? undefined : byUrn.get(r.parent);
    if (r.custom) {
      const Class = awsClass(r.type);
      const opts = { parent, retainOnDelete: r.retainOnDelete };
      byUrn.set(
        r.urn,
        Class
          ? new Class(r.name, { ...r.inputs }, opts)
          : new FloorResource(r.type, r.name, { ...r.inputs }, opts),
      );
    } else {
      const component = new FloorComponent(r.type, r.name, {}, { parent });
      component.done();
      byUrn.set(r.urn, component);
    }
  }
  await pulumi.runtime.disconnect();
  process.stdout.write(`registered ${plan.resources.length} resources\n`);
}

void main(process.argv[2]);
