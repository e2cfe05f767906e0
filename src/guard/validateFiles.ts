import * as fs from "node:fs";
import * as path from "node:path";
import { buildProject } from "../loader/buildProject";
import { DocumentValidator, checkComponentText } from "../loader/componentDocuments";
import { SETTINGS_FILE, readProjectFiles } from "../loader/projectFiles";
import { checkStacks } from "../loader/stackConfigFile";
import { Problem, problem, sortProblems } from "../validation/problem";

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
    else problems.push(...checkComponentText(text, given, options.validateDocument));
  }
  return sortProblems(problems);
}

function validateSettings(absolute: string, given: string, options: ValidateOptions): Problem[] {
  const dir = path.dirname(absolute);
  const stacks = fs.existsSync(path.join(dir, "Pulumi.yaml"))
    ? checkStacks(dir)
    : { regions: [], problems: [] };
  const files = readProjectFiles(dir);
  const rel = (file: string) =>
    file === SETTINGS_FILE ? given : path.relative(options.cwd, path.join(dir, file)) || file;
  return buildProject(files, { regions: stacks.regions }, options.validateDocument).problems.map((p) => ({
    ...p,
    file: rel(p.file),
  }));
}
