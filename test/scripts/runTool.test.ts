import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../support/programHarness";

/** scripts/run-tool.js in a tiny project of its own: one tool, its own tsconfig and dist/. */
describe("scripts/run-tool.js", function () {
  this.timeout(120_000);
  let root: string;
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  const run = (tool: string) =>
    spawnSync(process.execPath, [path.join(root, "scripts", "run-tool.js"), tool], {
      cwd: root,
      encoding: "utf8",
    });
  /** Sets a file's modification time ahead of the build stamp's. */
  const touchLater = (file: string) => {
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(root, file), later, later);
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "dc-image-builder-run-tool-"));
    write("scripts/run-tool.js", fs.readFileSync(path.join(REPO_ROOT, "scripts", "run-tool.js"), "utf8"));
    fs.symlinkSync(
      fs.realpathSync(path.join(REPO_ROOT, "node_modules")),
      path.join(root, "node_modules"),
      "dir",
    );
    write(
      "tsconfig.json",
      JSON.stringify({
        compilerOptions: {
          strict: true,
          target: "ES2022",
          module: "commonjs",
          outDir: "dist",
          rootDir: ".",
          types: [],
        },
      }),
    );
    write("tsconfig.build.json", JSON.stringify({ extends: "./tsconfig.json", include: ["tools/**/*.ts"] }));
    write("tools/hello.ts", 'console.log("hello");\n');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("builds once, then runs without compiling, and rebuilds when a tsconfig changes", () => {
    const first = run("hello");
    assert.equal(first.status, 0, first.stdout + first.stderr);
    assert.equal(first.stdout, "hello\n");
    assert.match(first.stderr, /compiling TypeScript/);
    const second = run("hello");
    assert.equal(second.status, 0, second.stderr);
    assert.equal(second.stderr, "");
    // Each compile costs seconds: one tsconfig stands for both (run-tool.js treats them alike).
    touchLater("tsconfig.build.json");
    const again = run("hello");
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stderr, /compiling TypeScript/);
  });

  it("an unknown tool exits 2 with one line naming the tools", () => {
    const r = run("nope");
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'dc-image-builder: unknown tool "nope"; the tools are: hello\n');
  });

  it("a failed build exits 2 with tsc's errors and one line, no stack trace", () => {
    write("tools/hello.ts", "const n: number = 'text';\nconsole.log(n);\n");
    const r = run("hello");
    assert.equal(r.status, 2);
    assert.match(r.stdout + r.stderr, /error TS2322/);
    assert.match(
      r.stderr,
      /\ndc-image-builder: the TypeScript build failed \(tsc exit 2; its errors are above\): .*\n$/,
    );
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    assert.equal(fs.existsSync(path.join(root, "dist", ".build-stamp")), false);
  });
});
