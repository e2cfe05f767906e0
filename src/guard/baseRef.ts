import { git, gitLine } from "./git";

/** The revision the version guard compares the work tree with. */
export interface BaseRef {
  /** The ref the user named with --base, or the default found (`origin/main`, else `main`). */
  readonly ref: string;
  /** The merge base of HEAD with `ref`: the commit actually compared with. */
  readonly commit: string;
}

export type BaseRefResult =
  { readonly ok: true; readonly base: BaseRef } | { readonly ok: false; readonly message: string };

/** Refs tried, in order, when no --base is given. */
export const DEFAULT_BASE_REFS = ["origin/main", "main"] as const;

/**
 * Resolves the base: the merge base of HEAD with `--base REF`, or by default with origin/main,
 * falling back to main. The merge base, not the ref's tip, so that versions bumped on main after a
 * branch left it are not reported as "went down" on the branch; for an ancestor of HEAD (HEAD~1, the
 * commit before a push) it is the ref itself. When the ref or the history is not in the clone
 * (typically a shallow CI clone) the failure says so and how to fetch what is missing.
 */
export function resolveBase(root: string, explicit?: string): BaseRefResult {
  if (gitLine(root, ["rev-parse", "--git-dir"]) === undefined) {
    return {
      ok: false,
      message: `${root} is not inside a git repository: the version guard compares against a git ref`,
    };
  }
  const shallow = gitLine(root, ["rev-parse", "--is-shallow-repository"]) === "true";
  const shallowNote = shallow ? " (a shallow clone)" : "";
  const fetchHint = (ref: string) => {
    const branch = ref.replace(/^origin\//, "");
    return (
      `fetch it, e.g. \`git fetch origin ${branch}:refs/remotes/origin/${branch}\`` +
      (shallow ? ` and deepen the history with \`git fetch --unshallow origin\`` : "") +
      `, or name another base with --base REF`
    );
  };
  const commitOf = (ref: string) => gitLine(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);

  let ref: string;
  if (explicit !== undefined) {
    if (commitOf(explicit) === undefined) {
      return {
        ok: false,
        message: `base ref "${explicit}" is not in this clone${shallowNote}: ${fetchHint(explicit)}`,
      };
    }
    ref = explicit;
  } else {
    const found = DEFAULT_BASE_REFS.find((r) => commitOf(r) !== undefined);
    if (found === undefined) {
      return {
        ok: false,
        message: `no base ref: neither ${DEFAULT_BASE_REFS.join(" nor ")} is in this clone${shallowNote}; ${fetchHint("origin/main")}`,
      };
    }
    ref = found;
  }
  if (commitOf("HEAD") === undefined) {
    return { ok: false, message: `HEAD has no commit yet: commit once, then run again` };
  }
  const mergeBase = git(root, ["merge-base", "HEAD", ref]);
  if (!mergeBase.ok) {
    return {
      ok: false,
      message: shallow
        ? `HEAD and ${ref} have no common commit in this shallow clone; deepen it with \`git fetch --unshallow origin\` ` +
          `(or \`git fetch --deepen=100 origin\`), or name another base with --base REF`
        : `HEAD and ${ref} have no common history; name another base with --base REF`,
    };
  }
  return { ok: true, base: { ref, commit: mergeBase.stdout.toString("utf8").trim() } };
}
