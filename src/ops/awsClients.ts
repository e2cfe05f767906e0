import { ImagebuilderClient } from "@aws-sdk/client-imagebuilder";
import { SSMClient } from "@aws-sdk/client-ssm";

/**
 * Points every AWS SDK client of the ops commands at another endpoint: set only by the tests, which
 * run a loopback HTTP server that answers like SSM and Image Builder. Unset (always, outside tests),
 * the clients use the normal AWS endpoints of the stack's region.
 */
export const ENDPOINT_ENV = "DC_IMAGE_BUILDER_AWS_ENDPOINT";

export interface AwsClients {
  readonly ssm: SSMClient;
  readonly imagebuilder: ImagebuilderClient;
}

/** Clients for one region. Credentials come from the SDK's default chain (env, profile, SSO, OIDC role). */
export function createAwsClients(region: string, env: NodeJS.ProcessEnv = process.env): AwsClients {
  const endpoint = env[ENDPOINT_ENV];
  if (endpoint !== undefined && !/^https?:\/\/[^/]+\/?$/.test(endpoint)) {
    throw new Error(`${ENDPOINT_ENV}="${endpoint}" is not an http(s)://host:port URL`);
  }
  const config = endpoint === undefined ? { region } : { region, endpoint };
  return { ssm: new SSMClient(config), imagebuilder: new ImagebuilderClient(config) };
}

/** One line saying what went wrong in an AWS call, without a stack trace. */
export function describeAwsError(operation: string, err: unknown): string {
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = e?.name ?? "Error";
  const message = e?.message ?? String(err);
  if (name === "CredentialsProviderError" || /Could not load credentials/i.test(message)) {
    return (
      `${operation}: no AWS credentials found. Set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), ` +
      `log in with "aws sso login", or in CI assume the role via AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE`
    );
  }
  if (/AccessDenied|Forbidden|UnauthorizedOperation|NotAuthorized/i.test(name)) {
    return `${operation}: access denied (${name}): ${message}`;
  }
  const status = e?.$metadata?.httpStatusCode;
  return `${operation} failed (${name}${status ? `, HTTP ${status}` : ""}): ${message}`;
}
