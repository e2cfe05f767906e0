import { git, gitLine } from "./git";

/** The revision the version guard compares the work tree with. */
export interface BaseRef {
  /** What the user named, or the default it was derived from (`origin/main`, `main`). */
  readonly ref: string;
  readonly commit: string;
  /** `origin/main` for an explicit ref, `merge-base(HEAD, origin/main)` shown as the ref for the default. */
  readonly label: string;
}

export type BaseRefResult =
  { readonly ok: true; readonly base: BaseRef } | { readonly ok: false; readonly message: string };

/** Refs tried, in order, when no --base is given: the merge base of HEAD with the first that exists. */
export const DEFAULT_BASE_REFS = ["origin/main", "main"] as const;

/**
 * Resolves `--base REF` (used as given) or the default: the merge base of HEAD with origin/main,
 * falling back to main. When the ref or the history is not in the clone (typically a shallow CI
 * clone), the failure says so and how to fetch what is missing: the guard cannot run without it.
 */
export function resolveBase(root: string, explicit?: string): BaseRefResult {
  if (gitLine(root, ["rev-parse", "--git-dir"]) === undefined) {
    return {
      ok: false,
      message: `${root} is not inside a git repository: the version guard compares against a git ref`,
    };
  }
  const shallow = gitLine(root, ["rev-parse", "--is-shallow-repository"]) === "true";
  const fetchHint = (ref: string) => {
    const branch = ref.replace(/^origin\//, "");
    return (
      `fetch it, e.g. \`git fetch origin ${branch}:refs/remotes/origin/${branch}\`` +
      (shallow
        ? ` and deepen the history with \`git fetch --unshallow origin\` (this clone is shallow)`
        : "") +
      `, or name another base with --base REF`
    );
  };
  const commitOf = (ref: string) => gitLine(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);

  if (explicit !== undefined) {
    const commit = commitOf(explicit);
    if (commit === undefined) {
      return {
        ok: false,
        message: `base ref "${explicit}" is not in this clone${shallow ? " (a shallow clone)" : ""}: ${fetchHint(explicit)}`,
      };
    }
    return { ok: true, base: { ref: explicit, commit, label: explicit } };
  }

  const ref = DEFAULT_BASE_REFS.find((r) => commitOf(r) !== undefined);
  if (ref === undefined) {
    return {
      ok: false,
      message:
        `no base ref: neither ${DEFAULT_BASE_REFS.join(" nor ")} is in this clone${shallow ? " (a shallow clone)" : ""}; ` +
        fetchHint("origin/main"),
    };
  }
  if (commitOf("HEAD") === undefined) {
    return { ok: false, message: `HEAD has no commit yet: commit once, or name a base with --base REF` };
  }
  const mergeBase = git(root, ["merge-base", "HEAD", ref]);
  if (!mergeBase.ok) {
    return {
      ok: false,
      message: shallow
        ? `HEAD and ${ref} have no common commit in this shallow clone; deepen it with \`git fetch --unshallow origin\` ` +
          `(or \`git fetch --deepen=100 origin\`), or name a base with --base REF`
        : `HEAD and ${ref} have no common history; name a base with --base REF`,
    };
  }
  return { ok: true, base: { ref, commit: mergeBase.stdout.toString("utf8").trim(), label: ref } };
}
