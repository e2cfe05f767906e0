// npm run bench:check [-- --runs N] [--root DIR]: wall time of `npm run check`'s process on a repository
// (default: this one), median of several runs after a warm-up. A benchmark, not a test: the target is
// under 1 s on the 2-core CI machine.
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { findProjectRoot } from "../src/loader/projectRoot";

const { values } = parseArgs({ options: { runs: { type: "string" }, root: { type: "string" } } });
/** At least one run, as in bench.ts: `--runs 0` or a non-number would leave no time to report. */
const runs = Math.max(1, Math.floor(Number(values.runs ?? 9)) || 1);
const root = values.root !== undefined ? path.resolve(values.root) : findProjectRoot(__dirname);
const launcher = path.join(findProjectRoot(__dirname), "scripts", "run-tool.js");

const env = { ...process.env };
delete env.INIT_CWD;
delete env.npm_lifecycle_event;
const once = (): { ms: number; status: number | null; stdout: string } => {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [launcher, "check", "--root", root], {
    cwd: root,
    env,
    encoding: "utf8",
  });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, status: r.status, stdout: r.stdout };
};

const warm = once(); // also compiles dist/ if sources changed
const times = Array.from({ length: runs }, () => once().ms).sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const lastLine = warm.stdout.trim().split("\n").at(-1);
console.log(`check on ${root}: exit ${warm.status}, "${lastLine}"`);
console.log(
  `wall time over ${runs} runs: median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms ` +
    `(target < 1000 ms) ${median < 1000 ? "OK" : "TOO SLOW"}`,
);
