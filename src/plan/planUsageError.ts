/** A problem with the request itself (unknown revision, unknown stack, bad argument): exit code 2. */
export class PlanUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanUsageError";
  }
}
