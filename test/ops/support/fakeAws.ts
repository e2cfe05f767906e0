import * as http from "node:http";
import { AddressInfo } from "node:net";

/** One request the SDK sent, decoded. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: http.IncomingHttpHeaders;
  /** SSM (JSON 1.1): the X-Amz-Target operation; Image Builder (REST-JSON): the path's operation. */
  readonly operation: string;
  readonly body: unknown;
}

export interface FakeResponse {
  readonly status?: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

export type FakeHandler = (request: RecordedRequest) => FakeResponse;

export interface FakeAws {
  /** `http://127.0.0.1:<port>`, for DC_IMAGE_BUILDER_AWS_ENDPOINT. */
  readonly endpoint: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A loopback HTTP server answering like SSM and Image Builder, started per test on 127.0.0.1 port 0.
 * SSM speaks JSON 1.1 (POST /, `X-Amz-Target: AmazonSSM.<Operation>`, errors as `{"__type": ...}`);
 * Image Builder speaks REST-JSON (`PUT /StartImagePipelineExecution`, `GET /GetImage?...`, errors as
 * HTTP status plus `x-amzn-ErrorType`).
 */
export async function startFakeAws(handler: FakeHandler): Promise<FakeAws> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const text = Buffer.concat(chunks).toString("utf8");
      const target = req.headers["x-amz-target"];
      const operation =
        typeof target === "string" ? target.replace(/^AmazonSSM\./, "") : url.pathname.replace(/^\//, "");
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        operation,
        body: text === "" ? undefined : (JSON.parse(text) as unknown),
      };
      requests.push(recorded);
      let response: FakeResponse;
      try {
        response = handler(recorded);
      } catch (e) {
        response = { status: 500, body: { message: `fake AWS handler threw: ${(e as Error).message}` } };
      }
      const contentType = typeof target === "string" ? "application/x-amz-json-1.1" : "application/json";
      res.writeHead(response.status ?? 200, {
        "content-type": contentType,
        "x-amzn-requestid": `req-${requests.length}`,
        ...response.headers,
      });
      res.end(JSON.stringify(response.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** SSM's error shape (JSON 1.1): HTTP 400 and the type in the body. */
export function ssmError(type: string, message: string): FakeResponse {
  return { status: 400, body: { __type: type, message } };
}

/** Image Builder's error shape (REST-JSON): the HTTP status and the type in a header. */
export function imagebuilderError(status: number, type: string, message: string): FakeResponse {
  return { status, headers: { "x-amzn-errortype": type }, body: { message } };
}

const AWS_ENV_KEYS = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_PROFILE",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_SHARED_CREDENTIALS_FILE",
  "AWS_CONFIG_FILE",
  "AWS_EC2_METADATA_DISABLED",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_ROLE_ARN",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
  "AWS_MAX_ATTEMPTS",
  "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED",
];

/**
 * Fake static credentials for the SDK's default chain (and nothing else it could find: no profile
 * files, no instance-metadata probe). Returns a function restoring the previous environment.
 */
export function useFakeAwsEnvironment(credentials: "static" | "none" = "static"): () => void {
  const saved = new Map(AWS_ENV_KEYS.map((k) => [k, process.env[k]]));
  for (const k of AWS_ENV_KEYS) delete process.env[k];
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  process.env.AWS_SHARED_CREDENTIALS_FILE = "/nonexistent/dc-image-builder-test/credentials";
  process.env.AWS_CONFIG_FILE = "/nonexistent/dc-image-builder-test/config";
  process.env.AWS_MAX_ATTEMPTS = "1";
  // Node 20 is this project's runtime; the SDK's notice about its future Node 22 floor is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  if (credentials === "static") {
    process.env.AWS_ACCESS_KEY_ID = "AKIAFAKEFORTESTS0000";
    process.env.AWS_SECRET_ACCESS_KEY = "fake-secret-for-tests";
  }
  return () => {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}
