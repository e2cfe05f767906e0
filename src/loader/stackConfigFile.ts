import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";

/**
 * Reads `config:` of Pulumi.<stack>.yaml into the flat string map the Pulumi runtime hands a program
 * (structured values as JSON), so offline tools validate exactly what `pulumi up` would see.
 */
export function readStackConfigFile(root: string, stack: string): Record<string, string> {
  const file = stackConfigPath(root, stack);
  if (!fs.existsSync(file)) {
    throw new Error(
      `${path.basename(file)}: no such stack file (stacks are Pulumi.<stack>.yaml at the repository root)`,
    );
  }
  const doc = yaml.load(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | null;
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(doc?.config ?? {})) {
    raw[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return raw;
}

export function stackConfigPath(root: string, stack: string): string {
  return path.join(root, `Pulumi.${stack}.yaml`);
}

/** Line of a config key in the stack file, for error messages; undefined when not written there. */
export function stackConfigLineFinder(root: string, stack: string): (key: string) => number | undefined {
  const file = stackConfigPath(root, stack);
  const lines = fs.existsSync(file) ? fs.readFileSync(file, "utf8").split(/\r?\n/) : [];
  return (key) => {
    const bare = key.replace(/\[.*$/, "");
    const i = lines.findIndex((l) => l.trimStart().startsWith(`${bare}:`));
    return i >= 0 ? i + 1 : undefined;
  };
}
