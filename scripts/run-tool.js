#!/usr/bin/env node
// Runs a compiled command-line tool from dist/, rebuilding first when any TypeScript source is newer
// than the build: the fast path loads plain JavaScript (no compiler), and dist/ is never stale.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");

const root = path.resolve(__dirname, "..");
const stamp = path.join(root, "dist", ".build-stamp");
const [tool, ...args] = process.argv.slice(2);
if (!tool) {
  console.error("usage: node scripts/run-tool.js <tool> [args...]");
  process.exit(2);
}

function newestSource() {
  let newest = 0;
  const visit = (p) => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) for (const child of fs.readdirSync(p)) visit(path.join(p, child));
    else if (p.endsWith(".ts")) newest = Math.max(newest, stat.mtimeMs);
  };
  for (const p of ["index.ts", "src", "tools", "tsconfig.json", "tsconfig.build.json"])
    visit(path.join(root, p));
  return newest;
}

const built = fs.statSync(stamp, { throwIfNoEntry: false });
if (!built || built.mtimeMs < newestSource()) {
  process.stderr.write(
    "dc-image-builder: compiling TypeScript to dist/ (sources changed since the last build)...\n",
  );
  execFileSync(
    process.execPath,
    [require.resolve("typescript/bin/tsc"), "-p", path.join(root, "tsconfig.build.json")],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
  fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
}
process.argv = [process.argv[0], path.join(root, "dist", "tools", `${tool}.js`), ...args];
require(path.join(root, "dist", "tools", `${tool}.js`));
