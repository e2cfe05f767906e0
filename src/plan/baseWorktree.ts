import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { PlanUsageError } from "./planUsageError";

function git(root: string, args: string[]): string {
  return execFileSync("git", ["-C", root, ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
}

/** The commit a revision names, or a PlanUsageError. */
export function resolveCommit(root: string, ref: string): string {
  try {
    return git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  } catch {
    throw new PlanUsageError(`--base ${ref}: not a commit in the git repository at ${root}`);
  }
}

/**
 * Runs `fn` on a temporary detached git worktree of `commit` (code and data as they were), with
 * node_modules linked from `root`; removes the worktree afterwards, whatever `fn` does.
 */
export async function withWorktree<T>(
  root: string,
  commit: string,
  fn: (dir: string) => Promise<T>,
): Promise<T> {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "dc-image-builder-base-"));
  const dir = path.join(parent, "repo");
  // Interrupted (Ctrl-C in a terminal, a cancelled CI job): clean up before exiting.
  const onSignal = (signal: NodeJS.Signals) => {
    cleanup();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  const cleanup = () => {
    // Unlink first so nothing below ever walks into the shared node_modules.
    fs.rmSync(path.join(dir, "node_modules"), { force: true });
    try {
      git(root, ["worktree", "remove", "--force", dir]);
    } catch {
      // Not registered (add failed) or already gone: pruning below tidies git's records.
    }
    fs.rmSync(parent, { recursive: true, force: true });
    try {
      git(root, ["worktree", "prune"]);
    } catch {
      // Best effort.
    }
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    git(root, ["worktree", "add", "--detach", "--quiet", dir, commit]);
    const modules = path.join(root, "node_modules");
    if (fs.existsSync(modules))
      fs.symlinkSync(fs.realpathSync(modules), path.join(dir, "node_modules"), "dir");
    return await fn(dir);
  } finally {
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
    cleanup();
  }
}
