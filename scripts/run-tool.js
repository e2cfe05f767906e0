#!/usr/bin/env node
// Runs a compiled command-line tool from dist/, rebuilding first when any TypeScript source or the
// TypeScript configuration is newer than the build: the fast path loads plain JavaScript (no
// compiler), and dist/ is never stale. Exit 2, with one line, for an unknown tool or a failed build.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");

const root = path.resolve(__dirname, "..");
const stamp = path.join(root, "dist", ".build-stamp");
const [tool, ...args] = process.argv.slice(2);

function fail(message) {
  process.stderr.write(`dc-image-builder: ${message}\n`);
  process.exit(2);
}

if (!tool) fail("usage: node scripts/run-tool.js <tool> [args...]");
const toolSource = path.join(root, "tools", `${tool}.ts`);
if (!/^[\w-]+$/.test(tool) || !fs.existsSync(toolSource)) {
  const known = fs
    .readdirSync(path.join(root, "tools"))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => f.slice(0, -3))
    .sort();
  fail(`unknown tool "${tool}"; the tools are: ${known.join(", ")}`);
}

/** The configuration the build reads: a change to it changes the output as much as a source does. */
const CONFIG_FILES = ["tsconfig.json", "tsconfig.build.json"];

function newestInput() {
  let newest = 0;
  const visit = (p) => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) for (const child of fs.readdirSync(p)) visit(path.join(p, child));
    else if (p.endsWith(".ts")) newest = Math.max(newest, stat.mtimeMs);
  };
  for (const p of ["index.ts", "src", "tools"]) visit(path.join(root, p));
  for (const f of CONFIG_FILES) {
    const stat = fs.statSync(path.join(root, f), { throwIfNoEntry: false });
    if (stat) newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}

const built = fs.statSync(stamp, { throwIfNoEntry: false });
if (!built || built.mtimeMs < newestInput()) {
  process.stderr.write(
    "dc-image-builder: compiling TypeScript to dist/ (sources or tsconfig changed since the last build)...\n",
  );
  const tsc = spawnSync(
    process.execPath,
    [require.resolve("typescript/bin/tsc"), "-p", path.join(root, "tsconfig.build.json")],
    { cwd: root, stdio: "inherit" },
  );
  if (tsc.error) fail(`cannot run the TypeScript compiler: ${tsc.error.message}`);
  if (tsc.status !== 0) {
    fail(
      `the TypeScript build failed (tsc exit ${tsc.status ?? tsc.signal}; its errors are above): ` +
        `fix them, or run npm run build`,
    );
  }
  fs.mkdirSync(path.dirname(stamp), { recursive: true });
  fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
}
const compiled = path.join(root, "dist", "tools", `${tool}.js`);
process.argv = [process.argv[0], compiled, ...args];
require(compiled);
