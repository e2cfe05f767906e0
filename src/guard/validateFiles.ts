import * as fs from "node:fs";
import * as path from "node:path";
import { parseComponentDocument } from "../documents/componentDocument";
import { DocumentValidator, buildProject, validateAwstoe } from "../loader/buildProject";
import { SETTINGS_FILE, readProjectFiles } from "../loader/projectFiles";
import { Problem, problem, sortProblems } from "../validation/problem";
import { checkStacks } from "./stacks";

export interface ValidateOptions {
  /** Paths are resolved against, and reported relative to, this folder. */
  readonly cwd: string;
  /** Default: AWSTOE structure, the program's own check. */
  readonly validateDocument?: DocumentValidator;
}

/**
 * `npm run validate -- FILE...`: the document checks on any files, wherever they are. A component
 * document gets YAML syntax, component_version, the 16,000-character limit and AWSTOE structure;
 * a file named settings.json is checked with the documents of its folder's components/ and the
 * regions of the Pulumi.<stack>.yaml files beside it. Problems name the files as they were given.
 */
export function validateFiles(paths: readonly string[], options: ValidateOptions): Problem[] {
  const problems: Problem[] = [];
  for (const given of paths) {
    const absolute = path.resolve(options.cwd, given);
    let text: string;
    try {
      text = fs.readFileSync(absolute, "utf8");
    } catch (err) {
      problems.push(
        problem(
          given,
          "validate/unreadable",
          `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        ),
      );
      continue;
    }
    if (path.basename(absolute) === SETTINGS_FILE)
      problems.push(...validateSettings(absolute, given, options));
    else problems.push(...validateComponentText(text, given, options.validateDocument));
  }
  return sortProblems(problems);
}

/** One component document's own checks, as buildProject applies them to each file it uses. */
export function validateComponentText(
  text: string,
  file: string,
  validateDocument: DocumentValidator = validateAwstoe,
): Problem[] {
  const doc = parseComponentDocument(text, file);
  if (!doc.ok) return doc.problems;
  return validateDocument(doc.value.document, file, doc.value.parsed.lineOf);
}

function validateSettings(absolute: string, given: string, options: ValidateOptions): Problem[] {
  const dir = path.dirname(absolute);
  const stacks = fs.existsSync(path.join(dir, "Pulumi.yaml"))
    ? checkStacks(dir)
    : { regions: [], problems: [] };
  const files = readProjectFiles(dir);
  const regions = stacks.regions.length > 0 ? stacks.regions : [undefined];
  const rel = (file: string) =>
    file === SETTINGS_FILE ? given : path.relative(options.cwd, path.join(dir, file)) || file;
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const region of regions) {
    for (const p of buildProject(files, { region }, options.validateDocument).problems) {
      const moved = { ...p, file: rel(p.file) };
      const key = JSON.stringify(moved);
      if (!seen.has(key)) out.push(moved);
      seen.add(key);
    }
  }
  return out;
}
