import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { git, gitLocation } from "../guard/git";

/**
 * Runs `fn` on a temporary detached git worktree of `commit` (code and data as they were), with
 * node_modules linked from `root`; removes the worktree afterwards, whatever `fn` does. `fn` receives
 * the project's folder in the worktree: the worktree's top, or the same subfolder `root` is in when
 * the project is a subfolder of its repository.
 */
export async function withWorktree<T>(
  root: string,
  commit: string,
  fn: (dir: string) => Promise<T>,
): Promise<T> {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "dc-image-builder-base-"));
  const dir = path.join(parent, "repo");
  const location = gitLocation(root);
  if (location === undefined) throw new Error(`${root} is not inside a git repository`);
  const projectDir = path.join(dir, location.prefix);
  // Interrupted (Ctrl-C in a terminal, a cancelled CI job): clean up before exiting.
  const onSignal = (signal: NodeJS.Signals) => {
    cleanup();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  const cleanup = () => {
    // Unlink first so nothing below ever walks into the shared node_modules.
    fs.rmSync(path.join(projectDir, "node_modules"), { force: true });
    // Not registered (add failed) or already gone: pruning below tidies git's records.
    git(root, ["worktree", "remove", "--force", dir]);
    fs.rmSync(parent, { recursive: true, force: true });
    git(root, ["worktree", "prune"]); // best effort
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const added = git(root, ["worktree", "add", "--detach", "--quiet", dir, commit]);
    if (!added.ok) throw new Error(`git worktree add ${commit} failed: ${added.stderr}`);
    const modules = path.join(root, "node_modules");
    // The project's folder may not exist at that commit: then fn finds no index.ts and says so.
    if (fs.existsSync(modules) && fs.existsSync(projectDir))
      fs.symlinkSync(fs.realpathSync(modules), path.join(projectDir, "node_modules"), "dir");
    return await fn(projectDir);
  } finally {
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
    cleanup();
  }
}
