import { createHash } from "node:crypto";

/**
 * StartImagePipelineExecution's idempotency token (1-36 characters). Image Builder answers a repeated
 * request carrying the same token with the first request's result instead of starting a second build.
 *
 * The token is a UUID-shaped hash of the pipeline ARN and a key. The default key is the current UTC
 * hour, so re-running a command that failed halfway (network error, CI retry) within the hour never
 * starts a second build, while a deliberate rebuild an hour later does. `--token <key>` replaces the
 * key: CI passes its workflow id so retries of that workflow are idempotent whenever they run, and a
 * person passes any new word to start another build within the same hour.
 */
export function clientToken(pipelineArn: string, key: string): string {
  const hex = createHash("sha256").update(`${pipelineArn}\n${key}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The default key: `2026-11-24T01Z` for any moment between 01:00 and 01:59:59 UTC that day. */
export function utcHourKey(now: Date): string {
  return `${now.toISOString().slice(0, 13)}Z`;
}
