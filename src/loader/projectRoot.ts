import * as fs from "node:fs";
import * as path from "node:path";

/** The nearest folder at or above `from` holding Pulumi.yaml: the same whether run from source or dist/. */
export function findProjectRoot(from: string): string {
  let dir = path.resolve(from);
  for (;;) {
    if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no Pulumi.yaml at or above ${from}`);
    dir = parent;
  }
}
