import { parseComponentDocument } from "../documents/componentDocument";
import { replaceJsonStrings } from "../loader/jsonLocations";
import { SETTINGS_FILE } from "../loader/projectFiles";

/**
 * Text edits that change one version value and nothing else: comments, quoting, key order and layout
 * of the file stay as the author wrote them.
 */

/** A top-level `component_version:` line: key, separator, optionally quoted value, the rest kept. */
const COMPONENT_VERSION_LINE =
  /^(component_version[ \t]*:[ \t]*)(?:"([^"\r\n]*)"|'([^'\r\n]*)'|([^\s#"']+))/gm;

/**
 * The document with its top-level component_version set to `version`, keeping its quotes and
 * comments. Throws, so nothing is written, unless the result parses to the same content with that version.
 */
export function setComponentVersion(text: string, version: string): string {
  const matches = [...text.matchAll(COMPONENT_VERSION_LINE)];
  if (matches.length !== 1) {
    throw new Error(
      matches.length === 0
        ? `no top-level "component_version: X.Y.Z" line to edit`
        : `"component_version:" appears ${matches.length} times at the top level; edit it by hand`,
    );
  }
  const [m] = matches;
  const quote = m[2] !== undefined ? '"' : m[3] !== undefined ? "'" : "";
  const start = m.index ?? 0;
  const result = `${text.slice(0, start)}${m[1]}${quote}${version}${quote}${text.slice(start + m[0].length)}`;

  // The edit must mean exactly what was asked: the same content under the new version. A line the
  // pattern misreads (an anchor, a tag, a flow mapping) fails here instead of being written.
  const before = parseComponentDocument(text, "document");
  const after = parseComponentDocument(result, "document");
  if (!before.ok) throw new Error(`the document does not parse, so its version cannot be edited safely`);
  if (!after.ok || after.value.version !== version || after.value.contentHash !== before.value.contentHash) {
    throw new Error(
      `editing the "component_version:" line would not give the same document with version ${version}; edit it by hand`,
    );
  }
  return result;
}

/**
 * settings.json with `supported_ubuntu_versions.<ubuntuVersion>.recipe_version` set: only that string
 * value is replaced, every other character stays, and the result is verified (replaceJsonStrings, the
 * editor update-base-amis uses too).
 */
export function setRecipeVersion(settingsText: string, ubuntuVersion: string, version: string): string {
  return replaceJsonStrings(
    settingsText,
    [{ path: ["supported_ubuntu_versions", ubuntuVersion, "recipe_version"], value: version }],
    SETTINGS_FILE,
  );
}
