import * as fs from "node:fs";
import * as path from "node:path";

export const SETTINGS_FILE = "settings.json";
export const COMPONENTS_DIR = "components";

/**
 * The repository's inputs as text, keyed by repository-relative POSIX path. Reading is kept apart
 * from validation so the same checks run on the work tree or on a git revision.
 */
export interface ProjectFiles {
  readonly settings: string | undefined;
  /** Every file below components/, e.g. `components/24.04/update-os.yml`. */
  readonly components: ReadonlyMap<string, string>;
}

export function readProjectFiles(root: string): ProjectFiles {
  const settingsPath = path.join(root, SETTINGS_FILE);
  const settings = fs.existsSync(settingsPath) ? fs.readFileSync(settingsPath, "utf8") : undefined;
  const components = new Map<string, string>();
  const walk = (dir: string, rel: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const childRel = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), childRel);
      else if (entry.isFile()) components.set(childRel, fs.readFileSync(path.join(dir, entry.name), "utf8"));
    }
  };
  walk(path.join(root, COMPONENTS_DIR), COMPONENTS_DIR);
  return { settings, components };
}
