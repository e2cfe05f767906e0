import * as fs from "node:fs";
import * as path from "node:path";
import type * as TypeScript from "typescript";

/**
 * Makes a checked-out revision runnable without type-checking: every .ts file of the program
 * (index.ts and src/) is transpiled to a .js file next to it, which Node prefers when resolving
 * imports. Returns the entry, `<dir>/index.js`. Used for `--base` only; the working tree's plan
 * runs the compiled dist/.
 */
export function transpileProgram(dir: string): string {
  // Resolved from the checkout, whose node_modules links to the working tree's install.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require(require.resolve("typescript", { paths: [dir] })) as typeof TypeScript;
  const compilerOptions: TypeScript.CompilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    sourceMap: false,
  };
  const transpile = (file: string) => {
    const { outputText } = ts.transpileModule(fs.readFileSync(file, "utf8"), {
      compilerOptions,
      fileName: file,
    });
    fs.writeFileSync(file.replace(/\.ts$/, ".js"), outputText);
  };
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) transpile(p);
    }
  };
  const index = path.join(dir, "index.ts");
  if (!fs.existsSync(index)) throw new Error("index.ts does not exist at this revision");
  transpile(index);
  walk(path.join(dir, "src"));
  return path.join(dir, "index.js");
}
