import { note, problem, type Problem } from "../validation/problem";

export type DocPath = readonly (string | number)[];

export interface AwstoeContext {
  /** File the document came from, as it should appear in problems. */
  file: string;
  /** 1-based line of the value at a path into the parsed document, if known. */
  lineOf(path: DocPath): number | undefined;
  /** The component's platform: action modules of other platforms are rejected. Unset: any platform. */
  platform?: "Linux" | "Windows" | "macOS";
}

/** Collects problems, each located by the document path of the offending value. */
export class Reporter {
  readonly problems: Problem[] = [];

  constructor(private readonly ctx: AwstoeContext) {}

  get platform(): AwstoeContext["platform"] {
    return this.ctx.platform;
  }

  report(path: DocPath, rule: string, message: string): void {
    this.problems.push(problem(this.ctx.file, rule, message, this.ctx.lineOf(path)));
  }

  /** Reported, but does not fail validation. */
  note(path: DocPath, rule: string, message: string): void {
    this.problems.push(note(this.ctx.file, rule, message, this.ctx.lineOf(path)));
  }
}
