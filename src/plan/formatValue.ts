/** Compact, single-line renderings of input values for the text output. */

const MAX = 100;

export function formatValue(v: unknown): string {
  if (v === undefined) return "(unset)";
  const s = JSON.stringify(v) ?? String(v);
  return s.length <= MAX ? s : `${s.slice(0, MAX - 1)}…`;
}

/**
 * Old and new of a long single-line value around where they first differ, so the change is visible
 * in a policy document or ARN rather than cut off before it.
 */
export function formatPair(a: unknown, b: unknown): [string, string] {
  const sa = a === undefined ? "(unset)" : (JSON.stringify(a) ?? String(a));
  const sb = b === undefined ? "(unset)" : (JSON.stringify(b) ?? String(b));
  if (sa.length <= MAX && sb.length <= MAX) return [sa, sb];
  let start = 0;
  while (start < sa.length && start < sb.length && sa[start] === sb[start]) start++;
  let end = 0;
  while (
    end < sa.length - start &&
    end < sb.length - start &&
    sa[sa.length - 1 - end] === sb[sb.length - 1 - end]
  )
    end++;
  const window = (s: string) => {
    const from = Math.max(0, start - 30);
    const to = Math.min(s.length, Math.max(s.length - end + 30, from + 60));
    return `${from > 0 ? "…" : ""}${s.slice(from, to)}${to < s.length ? "…" : ""}`;
  };
  return [window(sa), window(sb)];
}

/**
 * The changed lines of two multi-line texts: common leading and trailing lines dropped, the rest
 * shown as removed then added (at most `limit` lines each). Linear in the texts' length.
 */
export function lineChanges(a: string, b: string, limit = 12): string[] {
  const la = a.split("\n");
  const lb = b.split("\n");
  let start = 0;
  while (start < la.length && start < lb.length && la[start] === lb[start]) start++;
  let end = 0;
  while (
    end < la.length - start &&
    end < lb.length - start &&
    la[la.length - 1 - end] === lb[lb.length - 1 - end]
  )
    end++;
  const removed = la.slice(start, la.length - end);
  const added = lb.slice(start, lb.length - end);
  const clip = (lines: string[], sign: string) => [
    ...lines.slice(0, limit).map((l) => `${sign} ${l}`),
    ...(lines.length > limit ? [`${sign} … ${lines.length - limit} more line(s)`] : []),
  ];
  return [`@@ line ${start + 1} @@`, ...clip(removed, "-"), ...clip(added, "+")];
}
