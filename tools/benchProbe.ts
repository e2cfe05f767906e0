// Preloaded (node --require) into each process `npm run bench` measures: writes the process's peak
// resident set size, in KiB, to the file named by DC_BENCH_PROBE when it exits.
import * as fs from "node:fs";

const out = process.env.DC_BENCH_PROBE;
if (out) {
  process.on("exit", () => fs.writeFileSync(out, String(process.resourceUsage().maxRSS)));
}
