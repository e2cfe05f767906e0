import type { Image } from "@aws-sdk/client-imagebuilder";

/** Image states after which nothing more happens to the build. */
export const SUCCESS_STATES = ["AVAILABLE"] as const;
export const FAILURE_STATES = ["FAILED", "CANCELLED", "DELETED"] as const;

export interface BuildProgress {
  readonly status: string;
  readonly elapsedMs: number;
  /** Number of GetImage calls so far. */
  readonly polls: number;
}

export interface WaitOptions {
  /** GetImage for the image build version ARN. */
  readonly getImage: (imageBuildVersionArn: string) => Promise<Image>;
  readonly sleep: (ms: number) => Promise<void>;
  /** Milliseconds since some epoch. */
  readonly now: () => number;
  readonly intervalMs: number;
  /** Give up waiting (the build carries on in AWS) after this long. */
  readonly timeoutMs: number;
  readonly onProgress?: (progress: BuildProgress) => void;
}

export type WaitResult =
  | { readonly outcome: "available"; readonly image: Image; readonly elapsedMs: number }
  | {
      readonly outcome: "failed";
      readonly image: Image;
      readonly status: string;
      readonly reason: string;
      readonly elapsedMs: number;
    }
  | { readonly outcome: "timeout"; readonly status: string; readonly elapsedMs: number };

/** Polls GetImage until the image is AVAILABLE, FAILED (or CANCELLED/DELETED), or the timeout passes. */
export async function waitForImage(imageBuildVersionArn: string, options: WaitOptions): Promise<WaitResult> {
  const started = options.now();
  let polls = 0;
  for (;;) {
    const image = await options.getImage(imageBuildVersionArn);
    polls++;
    const status = image.state?.status ?? "UNKNOWN";
    const elapsedMs = options.now() - started;
    options.onProgress?.({ status, elapsedMs, polls });
    if ((SUCCESS_STATES as readonly string[]).includes(status))
      return { outcome: "available", image, elapsedMs };
    if ((FAILURE_STATES as readonly string[]).includes(status)) {
      return {
        outcome: "failed",
        image,
        status,
        reason: image.state?.reason ?? "no reason given",
        elapsedMs,
      };
    }
    if (elapsedMs + options.intervalMs > options.timeoutMs) return { outcome: "timeout", status, elapsedMs };
    await options.sleep(options.intervalMs);
  }
}

/** `1h02m03s`, `4m05s`, `12s`. */
export function formatElapsed(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (h > 0) return `${h}h${pad(m)}m${pad(s)}s`;
  if (m > 0) return `${m}m${pad(s)}s`;
  return `${s}s`;
}

export function formatProgress(imageBuildVersionArn: string, p: BuildProgress): string {
  return `${imageBuildVersionArn}: ${p.status} (${formatElapsed(p.elapsedMs)} elapsed)`;
}

/** `eu-west-2  ami-0123...` per distributed AMI, with the account when it is another one's copy. */
export function amiLines(image: Image): string[] {
  return (image.outputResources?.amis ?? []).map((ami) => {
    const account = ami.accountId ? `  (account ${ami.accountId})` : "";
    return `${ami.region ?? "?"}  ${ami.image ?? "?"}${account}`;
  });
}
