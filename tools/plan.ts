// `npm run plan`: the offline plan (src/plan/cli.ts). Runs compiled, from dist/tools/plan.js.
import * as path from "node:path";
import { deferUnusedSdkModules } from "../src/plan/deferSdkModules";

deferUnusedSdkModules();
// Required only now, so the SDK loads with the deferral in place.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { main } = require("../src/plan/cli") as typeof import("../src/plan/cli");

// The program next to this tool: dist/index.js when compiled, index.ts under ts-node.
void main(process.argv.slice(2), path.resolve(__dirname, "..", "index")).then((code) => {
  process.exitCode = code;
});
