import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");

/**
 * A throwaway repository root for a command to read and write: Pulumi.yaml and the stack files of this
 * repository, and a settings.json (this repository's unless given).
 */
export function makeTempProject(settingsText?: string, stackFiles?: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dc-image-builder-ops-"));
  fs.copyFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  const stacks = stackFiles ?? {
    "Pulumi.dev.yaml": fs.readFileSync(path.join(REPO_ROOT, "Pulumi.dev.yaml"), "utf8"),
    "Pulumi.prod.yaml": fs.readFileSync(path.join(REPO_ROOT, "Pulumi.prod.yaml"), "utf8"),
  };
  for (const [name, text] of Object.entries(stacks)) fs.writeFileSync(path.join(dir, name), text);
  fs.writeFileSync(
    path.join(dir, "settings.json"),
    settingsText ?? fs.readFileSync(path.join(REPO_ROOT, "settings.json"), "utf8"),
  );
  return dir;
}

export function removeTempProject(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
