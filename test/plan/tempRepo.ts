import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../support/programHarness";

/** What a copy needs to run the program: code, data, stack files and the TypeScript setup. */
const PROGRAM_FILES = [
  "index.ts",
  "src",
  "tools",
  "components",
  "settings.json",
  "Pulumi.yaml",
  "Pulumi.dev.yaml",
  "Pulumi.prod.yaml",
  "package.json",
  "tsconfig.json",
  "tsconfig.build.json",
];

export interface TempRepo {
  readonly root: string;
  /** Commits everything; returns the commit id. */
  commit(message: string): string;
  write(file: string, text: string): void;
  read(file: string): string;
  /** Drops uncommitted changes. */
  reset(): void;
  remove(): void;
}

export function git(root: string, ...args: string[]): string {
  return execFileSync(
    "git",
    ["-C", root, "-c", "user.name=plan-test", "-c", "user.email=plan-test@example.com", ...args],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    },
  ).trim();
}

/**
 * A git repository holding a copy of this repository's program, node_modules linked, one commit made.
 * With `subfolder`, the project is in that folder of the repository, and `root` is that folder.
 */
export function makeTempRepo(subfolder?: string): TempRepo {
  const top = fs.mkdtempSync(path.join(os.tmpdir(), "dc-image-builder-plan-test-"));
  const root = subfolder === undefined ? top : path.join(top, subfolder);
  fs.mkdirSync(root, { recursive: true });
  for (const f of PROGRAM_FILES) {
    fs.cpSync(path.join(REPO_ROOT, f), path.join(root, f), { recursive: true });
  }
  fs.symlinkSync(
    fs.realpathSync(path.join(REPO_ROOT, "node_modules")),
    path.join(root, "node_modules"),
    "dir",
  );
  fs.writeFileSync(path.join(root, ".gitignore"), "node_modules\n");
  git(top, "init", "--quiet", "--initial-branch=main");
  const repo: TempRepo = {
    root,
    commit(message) {
      git(root, "add", "--all");
      git(root, "commit", "--quiet", "--allow-empty", "-m", message);
      return git(root, "rev-parse", "HEAD");
    },
    write: (file, text) => fs.writeFileSync(path.join(root, file), text),
    read: (file) => fs.readFileSync(path.join(root, file), "utf8"),
    reset: () => {
      git(root, "checkout", "--quiet", "--", ".");
      git(root, "clean", "--quiet", "-fd");
    },
    remove: () => fs.rmSync(top, { recursive: true, force: true }),
  };
  repo.commit("base");
  return repo;
}
