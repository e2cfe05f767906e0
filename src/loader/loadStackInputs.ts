import { StackConfig, parseStackConfig } from "../config/stackConfig";
import { ProjectSpec } from "../model/project";
import { Problem, ValidationError, hasErrors } from "../validation/problem";
import { DocumentValidator, buildProject } from "./buildProject";
import { readProjectFiles } from "./projectFiles";
import { stackConfigLineFinder } from "./stackConfigFile";

export interface StackInputs {
  readonly project: ProjectSpec;
  readonly config: StackConfig;
  /** Notes that do not stop a deploy. */
  readonly notes: Problem[];
}

/**
 * The program's edge: reads the repository and validates it with the stack's config. Throws one
 * ValidationError listing every problem, before a single resource is registered.
 */
export function loadStackInputs(
  root: string,
  stack: string,
  rawConfig: Readonly<Record<string, string>>,
  validateDocument?: DocumentValidator,
): StackInputs {
  const config = parseStackConfig(stack, rawConfig, stackConfigLineFinder(root, stack));
  const built = buildProject(
    readProjectFiles(root),
    { region: config.ok ? config.value.region : rawConfig["aws:region"] },
    validateDocument,
  );
  const problems = [...(config.ok ? [] : config.problems), ...built.problems];
  if (!config.ok || built.project === undefined || hasErrors(problems)) throw new ValidationError(problems);
  return { project: built.project, config: config.value, notes: problems };
}
