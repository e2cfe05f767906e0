import { validateAwstoeDocument } from "../awstoe/validateAwstoeDocument";
import { ComponentDocumentResult, parseComponentDocument } from "../documents/componentDocument";
import { Settings, settingsSchema } from "../settings/settingsSchema";
import { Problem, problem } from "../validation/problem";
import { zodProblems } from "../validation/zodProblems";
import { JsonParseResult, parseJsonWithLines } from "./jsonText";
import { ProjectFiles, SETTINGS_FILE } from "./projectFiles";

/** Structural document checks; AWSTOE's by default, replaceable in tests. */
export type DocumentValidator = (
  document: unknown,
  file: string,
  lineOf: (p: (string | number)[]) => number | undefined,
) => Problem[];

/** Every component this project builds is a Linux component (see VersionedComponent). */
export const validateAwstoe: DocumentValidator = (document, file, lineOf) =>
  validateAwstoeDocument(document, { file, lineOf, platform: "Linux" });

/**
 * One component document's own checks (YAML, component_version, size, then structure), the ones
 * buildProject applies to each document settings.json uses and `npm run validate` to any file.
 */
export function checkComponentDocument(
  doc: ComponentDocumentResult,
  file: string,
  validateDocument: DocumentValidator = validateAwstoe,
): Problem[] {
  // A bad version or size does not hide the document's other problems: all are reported at once.
  const structure = doc.ok ? doc.value : doc.structure;
  const structural = structure ? validateDocument(structure.document, file, structure.parsed.lineOf) : [];
  return doc.ok ? structural : [...doc.problems, ...structural];
}

export function checkComponentText(
  text: string,
  file: string,
  validateDocument: DocumentValidator = validateAwstoe,
): Problem[] {
  return checkComponentDocument(parseComponentDocument(text, file), file, validateDocument);
}

export type SettingsParse =
  | {
      readonly ok: true;
      readonly settings: Settings;
      readonly lineOf: Extract<JsonParseResult, { ok: true }>["lineOf"];
    }
  | { readonly ok: false; readonly problems: Problem[] };

/*
 * Parses of one ProjectFiles, shared by everything that reads it (buildProject, the version facts):
 * `npm run check` parses settings.json and each document once, however many readers there are.
 * Keyed by the ProjectFiles object and the file's text, so an edited map never gets a stale parse.
 */
interface Parses {
  settings?: { readonly text: string; readonly result: SettingsParse };
  readonly documents: Map<string, { readonly text: string; readonly result: ComponentDocumentResult }>;
}
const cache = new WeakMap<ProjectFiles, Parses>();

function parsesOf(files: ProjectFiles): Parses {
  let parses = cache.get(files);
  if (parses === undefined) {
    parses = { documents: new Map() };
    cache.set(files, parses);
  }
  return parses;
}

/** settings.json of `files`, JSON and schema checked; parsed once per ProjectFiles. */
export function parseProjectSettings(files: ProjectFiles): SettingsParse {
  const text = files.settings;
  if (text === undefined) {
    return {
      ok: false,
      problems: [
        problem(SETTINGS_FILE, "settings/missing", `${SETTINGS_FILE} is missing at the repository root`),
      ],
    };
  }
  const parses = parsesOf(files);
  if (parses.settings?.text === text) return parses.settings.result;
  const result = parseSettingsText(text);
  parses.settings = { text, result };
  return result;
}

function parseSettingsText(text: string): SettingsParse {
  const json = parseJsonWithLines(text);
  if (!json.ok) {
    return {
      ok: false,
      problems: [problem(SETTINGS_FILE, "settings/syntax", `malformed JSON: ${json.message}`, json.line)],
    };
  }
  const parsed = settingsSchema.safeParse(json.value);
  if (!parsed.success) {
    return { ok: false, problems: zodProblems(parsed.error, SETTINGS_FILE, "settings/schema", json.lineOf) };
  }
  return { ok: true, settings: parsed.data, lineOf: json.lineOf };
}

/** The component document at `relPath` in `files`, or undefined when there is none; parsed once per ProjectFiles. */
export function parseProjectDocument(
  files: ProjectFiles,
  relPath: string,
): ComponentDocumentResult | undefined {
  const text = files.components.get(relPath);
  if (text === undefined) return undefined;
  const documents = parsesOf(files).documents;
  const cached = documents.get(relPath);
  if (cached?.text === text) return cached.result;
  const result = parseComponentDocument(text, relPath);
  documents.set(relPath, { text, result });
  return result;
}
