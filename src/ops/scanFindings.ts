import type {
  ImageScanFindingAggregation,
  ImageScanState,
  SeverityCounts,
} from "@aws-sdk/client-imagebuilder";

/**
 * Inspector findings of one image, as Image Builder reports them. GetImage's `scanState` says whether a
 * scan ran (COMPLETED, or PENDING/SCANNING/COLLECTING/ABANDONED/FAILED/TIMED_OUT with a reason);
 * ListImageScanFindingAggregations with the `imageBuildVersionArn` filter returns the counts by severity
 * (`all`, `critical`, `high`, `medium`; `all` includes low, informational and untriaged findings).
 */
export interface ScanSummary {
  readonly status: string;
  readonly reason: string | undefined;
  readonly counts: Required<SeverityCounts> | undefined;
}

/** Severity counts for the image out of the aggregation responses, or undefined when none. */
export function imageSeverityCounts(
  imageBuildVersionArn: string,
  responses: readonly ImageScanFindingAggregation[],
): Required<SeverityCounts> | undefined {
  const own = responses
    .map((r) => r.imageAggregation)
    .filter(
      (a) =>
        a !== undefined &&
        (a.imageBuildVersionArn === undefined || a.imageBuildVersionArn === imageBuildVersionArn),
    )
    .map((a) => a?.severityCounts);
  // Image Builder may aggregate an image's findings by vulnerability instead: add those up.
  const counts = own.length > 0 ? own : responses.map((r) => r.vulnerabilityIdAggregation?.severityCounts);
  const present = counts.filter((c): c is SeverityCounts => c !== undefined);
  if (present.length === 0) return undefined;
  const sum = (k: keyof SeverityCounts) => present.reduce((n, c) => n + (c[k] ?? 0), 0);
  return { all: sum("all"), critical: sum("critical"), high: sum("high"), medium: sum("medium") };
}

export function describeScan(summary: ScanSummary): string[] {
  const lines = [`vulnerability scan: ${summary.status}${summary.reason ? ` (${summary.reason})` : ""}`];
  if (summary.counts !== undefined) {
    const c = summary.counts;
    const other = Math.max(0, c.all - c.critical - c.high - c.medium);
    lines.push(
      `findings: critical ${c.critical}, high ${c.high}, medium ${c.medium}, other ${other} (all ${c.all})`,
    );
  } else if (summary.status === "COMPLETED") {
    lines.push("findings: none reported");
  }
  return lines;
}

export function scanSummary(
  scanState: ImageScanState | undefined,
  counts: Required<SeverityCounts> | undefined,
): ScanSummary | undefined {
  if (scanState?.status === undefined) return undefined;
  return { status: scanState.status, reason: scanState.reason, counts };
}
