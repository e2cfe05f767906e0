/**
 * Text edits that change one version value and nothing else: comments, quoting, key order and layout
 * of the file stay as the author wrote them.
 */

/** A top-level `component_version:` line: key, separator, optionally quoted value, the rest kept. */
const COMPONENT_VERSION_LINE =
  /^(component_version[ \t]*:[ \t]*)(?:"([^"\r\n]*)"|'([^'\r\n]*)'|([^\s#"']+))/gm;

/** The document with its top-level component_version set to `version`, keeping its quotes and comments. */
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
  return `${text.slice(0, start)}${m[1]}${quote}${version}${quote}${text.slice(start + m[0].length)}`;
}

/** settings.json with `supported_ubuntu_versions.<ubuntuVersion>.recipe_version` set, layout untouched. */
export function setRecipeVersion(settingsText: string, ubuntuVersion: string, version: string): string {
  const span = locateJsonValue(settingsText, ["supported_ubuntu_versions", ubuntuVersion, "recipe_version"]);
  if (span === undefined)
    throw new Error(
      `settings.json has no supported_ubuntu_versions."${ubuntuVersion}".recipe_version to edit`,
    );
  return `${settingsText.slice(0, span.start)}${JSON.stringify(version)}${settingsText.slice(span.end)}`;
}

/**
 * Offsets of the value at an object-key path in JSON text (the last duplicate key wins, as in
 * JSON.parse). A small scanner rather than a parse-and-reprint, so the rest of the text is untouched.
 */
export function locateJsonValue(
  text: string,
  path: readonly string[],
): { start: number; end: number } | undefined {
  let i = 0;
  let found: { start: number; end: number } | undefined;
  const fail = (what: string): never => {
    throw new Error(`malformed JSON at offset ${i}: expected ${what}`);
  };
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const expect = (c: string) => {
    skipSpace();
    if (text[i] !== c) fail(`"${c}"`);
    i++;
  };
  const readString = (): string => {
    const start = i;
    if (text[i] !== '"') fail("a string");
    for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
    if (i >= text.length) fail("the end of a string");
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const readValue = (depth: number, onPath: boolean): void => {
    skipSpace();
    const start = i;
    const c = text[i];
    if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      i++;
      skipSpace();
      if (text[i] === close) i++;
      else {
        for (;;) {
          let childOnPath = false;
          if (c === "{") {
            skipSpace();
            const key = readString();
            expect(":");
            childOnPath = onPath && depth < path.length && key === path[depth];
          }
          readValue(depth + 1, childOnPath);
          skipSpace();
          if (text[i] === ",") {
            i++;
            continue;
          }
          expect(close);
          break;
        }
      }
    } else if (c === '"') {
      readString();
    } else {
      while (i < text.length && !/[\s,\]}]/.test(text[i])) i++;
      if (i === start) fail("a value");
    }
    if (onPath && depth === path.length) found = { start, end: i };
  };
  readValue(0, true);
  return found;
}
