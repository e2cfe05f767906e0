import { spawnSync } from "node:child_process";

export interface GitResult {
  readonly ok: boolean;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Runs one git command; never throws for a non-zero exit, only when git itself cannot start. */
export function git(cwd: string, args: readonly string[], input?: string): GitResult {
  const result = spawnSync("git", args, {
    cwd,
    input,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" },
  });
  if (result.error) throw new Error(`cannot run git: ${result.error.message}`);
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr.toString("utf8").trim() };
}

/** stdout as one trimmed line, or undefined when git failed. */
export function gitLine(cwd: string, args: readonly string[]): string | undefined {
  const r = git(cwd, args);
  return r.ok ? r.stdout.toString("utf8").trim() : undefined;
}

/** The work tree's top folder and the project's folder inside it (`""` or `"sub/dir/"`). */
export function gitLocation(root: string): { top: string; prefix: string } | undefined {
  const r = git(root, ["rev-parse", "--show-toplevel", "--show-prefix"]);
  if (!r.ok) return undefined;
  const [top, prefix = ""] = r.stdout.toString("utf8").split("\n");
  return { top, prefix };
}
