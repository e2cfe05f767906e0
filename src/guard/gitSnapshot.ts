import { COMPONENTS_DIR, ProjectFiles, SETTINGS_FILE } from "../loader/projectFiles";
import { git, gitLocation } from "./git";

/** git could not list or read the base revision's files: the versions cannot be compared (exit 2). */
export class GitReadError extends Error {}

/**
 * The ProjectFiles of a git revision, as readProjectFiles would have read them from a checkout of it.
 * Two git processes whatever the number of files: `ls-tree` lists them, one `cat-file --batch` reads all.
 * Throws GitReadError when git fails.
 */
export function readProjectFilesAtRevision(root: string, commit: string): ProjectFiles {
  const location = gitLocation(root);
  if (location === undefined) throw new GitReadError(`${root} is not inside a git repository`);
  const { top, prefix } = location;
  const listing = git(top, [
    "ls-tree",
    "-r",
    "-z",
    "--full-tree",
    commit,
    "--",
    `${prefix}${SETTINGS_FILE}`,
    `${prefix}${COMPONENTS_DIR}/`,
  ]);
  if (!listing.ok) throw new GitReadError(`git ls-tree ${commit} failed: ${listing.stderr}`);

  const blobs: { path: string; oid: string }[] = [];
  for (const entry of listing.stdout.toString("utf8").split("\0")) {
    const match = /^(\d+) (\w+) ([0-9a-f]+)\t(.*)$/s.exec(entry);
    // Regular files only (mode 100644/100755), as readProjectFiles reads only files.
    if (!match || match[2] !== "blob" || !match[1].startsWith("100")) continue;
    blobs.push({ path: match[4].slice(prefix.length), oid: match[3] });
  }

  const contents = readBlobs(
    top,
    blobs.map((b) => b.oid),
  );
  let settings: string | undefined;
  const components = new Map<string, string>();
  blobs
    .sort((a, b) => a.path.localeCompare(b.path))
    .forEach((blob, i) => {
      if (blob.path === SETTINGS_FILE) settings = contents[i];
      else components.set(blob.path, contents[i]);
    });
  return { settings, components };
}

/** Reads blobs in one `git cat-file --batch`: `<oid> blob <size>\n<bytes>\n` per object. */
function readBlobs(cwd: string, oids: readonly string[]): string[] {
  if (oids.length === 0) return [];
  const result = git(cwd, ["cat-file", "--batch"], oids.join("\n") + "\n");
  if (!result.ok) throw new GitReadError(`git cat-file failed: ${result.stderr}`);
  const out = result.stdout;
  const texts: string[] = [];
  let pos = 0;
  for (const oid of oids) {
    const headerEnd = out.indexOf(0x0a, pos);
    const header = out.toString("utf8", pos, headerEnd);
    const match = /^([0-9a-f]+) blob (\d+)$/.exec(header);
    if (!match || match[1] !== oid) throw new GitReadError(`git cat-file: unexpected "${header}" for ${oid}`);
    const size = Number(match[2]);
    texts.push(out.toString("utf8", headerEnd + 1, headerEnd + 1 + size));
    pos = headerEnd + 1 + size + 1;
  }
  return texts;
}
