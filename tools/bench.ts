// npm run bench [-- --runs N]: wall time and peak memory of `plan` and `check` on synthetic
// repositories, next to the floor: the same resources registered under bare mocks (benchFloor.ts).
// A benchmark, not a test. See docs/plan.md, "Performance".
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { SyntheticSize, writeSyntheticRepo } from "../src/bench/syntheticRepo";
import { git } from "../src/guard/git";
import { findProjectRoot } from "../src/loader/projectRoot";

const { values } = parseArgs({ options: { runs: { type: "string" }, keep: { type: "boolean" } } });
/** At least one run: `--runs 0` or a non-number would leave no sample to take the median of. */
const RUNS = Math.max(1, Math.floor(Number(values.runs ?? 3)) || 1);
const root = findProjectRoot(__dirname);
const dist = path.join(root, "dist");
const probe = path.join(dist, "tools", "benchProbe.js");

const SIZES: readonly (SyntheticSize & { readonly label: string })[] = [
  { label: "1 × 5", ubuntuVersions: 1, componentsPerVersion: 5 },
  { label: "10 × 100", ubuntuVersions: 10, componentsPerVersion: 100 },
];

interface Sample {
  readonly ms: number;
  readonly kib: number;
  readonly status: number | null;
}

/** One run of a compiled tool in `cwd`: wall time from spawn to exit, and its peak RSS. */
function measure(cwd: string, args: readonly string[]): Sample {
  const out = path.join(os.tmpdir(), `dc-image-builder-bench-${process.pid}.rss`);
  fs.rmSync(out, { force: true });
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--require", probe, ...args], {
    cwd,
    env: { ...process.env, DC_BENCH_PROBE: out },
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const kib = fs.existsSync(out) ? Number(fs.readFileSync(out, "utf8")) : NaN;
  fs.rmSync(out, { force: true });
  if (r.status !== 0 && r.status !== 1)
    process.stderr.write(`bench: ${args.join(" ")} exited ${r.status}\n${r.stderr}\n`);
  return { ms, kib, status: r.status };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Fills the throwaway repository `dir`: the synthetic data, this project's stack files, compiled code
 * and node_modules, one commit. Returns the number of components.
 */
function prepare(dir: string, size: SyntheticSize): number {
  for (const f of ["Pulumi.yaml", "Pulumi.dev.yaml"]) fs.copyFileSync(path.join(root, f), path.join(dir, f));
  fs.cpSync(dist, path.join(dir, "dist"), {
    recursive: true,
    filter: (src) => !src.endsWith(".tsbuildinfo"),
  });
  fs.symlinkSync(fs.realpathSync(path.join(root, "node_modules")), path.join(dir, "node_modules"), "dir");
  const components = writeSyntheticRepo(dir, size);
  // check compares with a base revision: give it one, identical to the work tree.
  fs.writeFileSync(path.join(dir, ".gitignore"), "node_modules\ndist\n");
  const run = (...args: string[]) => {
    const r = git(dir, ["-c", "user.name=bench", "-c", "user.email=bench@example.com", ...args]);
    if (!r.ok) throw new Error(`git ${args[0]} failed in ${dir}: ${r.stderr}`);
  };
  run("init", "--quiet", "--initial-branch=main");
  run("add", "--all");
  run("commit", "--quiet", "-m", "synthetic");
  return components;
}

interface Row {
  readonly label: string;
  readonly components: number;
  readonly resources: number;
  readonly plan: Sample;
  readonly floor: Sample;
  readonly check: Sample;
}

function bench(size: SyntheticSize & { readonly label: string }): Row {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dc-image-builder-bench-"));
  try {
    const components = prepare(dir, size);
    // The floor replays the plan's own resources: same types, names, parents and inputs.
    const planJson = path.join(dir, "plan.json");
    fs.writeFileSync(
      planJson,
      execFileSync(process.execPath, ["dist/tools/plan.js", "--json"], { cwd: dir, maxBuffer: 1 << 30 }),
    );
    const resources = (JSON.parse(fs.readFileSync(planJson, "utf8")) as { resources: unknown[] }).resources
      .length;
    const samples = { plan: [] as Sample[], floor: [] as Sample[], check: [] as Sample[] };
    // Interleaved, so load from elsewhere on the machine spreads over all three alike.
    for (let i = 0; i < RUNS; i++) {
      samples.plan.push(measure(dir, ["dist/tools/plan.js", "--stack", "dev"]));
      samples.floor.push(measure(dir, ["dist/tools/benchFloor.js", planJson]));
      samples.check.push(measure(dir, ["dist/tools/check.js", "--root", dir, "--base", "HEAD"]));
    }
    const summarize = (xs: Sample[]): Sample => ({
      ms: median(xs.map((x) => x.ms)),
      kib: median(xs.map((x) => x.kib)),
      status: xs[0].status,
    });
    return {
      label: size.label,
      components,
      resources,
      plan: summarize(samples.plan),
      floor: summarize(samples.floor),
      check: summarize(samples.check),
    };
  } finally {
    if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (s: Sample) => `${Math.round(s.ms)} ms`;
const mb = (s: Sample) => `${(s.kib / 1024).toFixed(0)} MB`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

const rows = SIZES.map(bench);
const table = [
  "| Ubuntu versions × components | components | resources | plan wall | plan peak RSS | floor wall | floor peak RSS | plan/floor time | plan/floor memory | check wall | check peak RSS |",
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ...rows.map(
    (r) =>
      `| ${r.label} | ${r.components} | ${r.resources} | ${ms(r.plan)} | ${mb(r.plan)} | ${ms(r.floor)} | ${mb(r.floor)} | ` +
      `${ratio(r.plan.ms, r.floor.ms)} | ${ratio(r.plan.kib, r.floor.kib)} | ${ms(r.check)}${r.check.status === 0 ? "" : ` (exit ${r.check.status})`} | ${mb(r.check)} |`,
  ),
];
console.log(
  `npm run bench: median of ${RUNS} run(s) each, node ${process.version}, ${os.cpus().length} CPU(s), ${os.loadavg()[0].toFixed(2)} load`,
);
console.log(table.join("\n"));
const largest = rows[rows.length - 1];
console.log(
  `targets at ${largest.components} components: check < 1000 ms: ${largest.check.ms < 1000 ? "met" : "NOT MET"}; ` +
    `plan within 1.3× the floor: time ${largest.plan.ms <= 1.3 * largest.floor.ms ? "met" : "NOT MET"}, ` +
    `memory ${largest.plan.kib <= 1.3 * largest.floor.kib ? "met" : "NOT MET"}`,
);
