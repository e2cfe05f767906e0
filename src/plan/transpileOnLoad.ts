import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type * as TypeScript from "typescript";

type Loader = (
  module: NodeJS.Module & { _compile(code: string, filename: string): void },
  filename: string,
) => void;

/** Transpiled output by source text: a second evaluation of the same revision compiles nothing. */
const cache = new Map<string, string>();

/**
 * Runs `fn` with the TypeScript files below `dir` loadable by `require`: each is transpiled when first
 * loaded (`ts.transpileModule`, no type-checking, nothing written to disk), so only the modules the
 * program actually imports are compiled. `fn` receives the entry, `<dir>/index.ts`. Used for
 * `--base` only; the working tree's plan runs the compiled dist/. Another `.ts` loader (ts-node in
 * tests) keeps handling every file outside `dir`.
 */
export async function withTranspiledTypeScript<T>(
  dir: string,
  fn: (entry: string) => Promise<T>,
): Promise<T> {
  const entry = path.join(dir, "index.ts");
  if (!fs.existsSync(entry)) throw new Error("index.ts does not exist at this revision");
  // Resolved from the checkout, whose node_modules links to the working tree's install.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require(require.resolve("typescript", { paths: [dir] })) as typeof TypeScript;
  const compilerOptions: TypeScript.CompilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    sourceMap: false,
  };
  const inside = `${path.resolve(dir)}${path.sep}`;
  const extensions = require.extensions as unknown as Record<string, Loader | undefined>;
  const previous = extensions[".ts"];
  const loader: Loader = (module, filename) => {
    if (!filename.startsWith(inside) || filename.includes(`${path.sep}node_modules${path.sep}`)) {
      if (!previous) throw new Error(`no loader for ${filename}`);
      return previous(module, filename);
    }
    const source = fs.readFileSync(filename, "utf8");
    const key = createHash("sha256").update(source).digest("hex");
    let js = cache.get(key);
    if (js === undefined) {
      js = ts.transpileModule(source, { compilerOptions, fileName: filename }).outputText;
      cache.set(key, js);
    }
    module._compile(js, filename);
  };
  extensions[".ts"] = loader;
  try {
    return await fn(entry);
  } finally {
    if (previous) extensions[".ts"] = previous;
    else delete extensions[".ts"];
  }
}
