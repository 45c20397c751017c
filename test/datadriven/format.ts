// One line per message, record or trace event for the golden scripts: the kind, then its
// fields as key=value in the order the code builds them. Lists print as [1,2,3], nested
// objects as {key=value ...}, record batches as their offset range and leader epoch.

import { RecordBatch } from "../../core/protocol/records.ts";

type Value = unknown;

function isBatch(v: object): v is RecordBatch {
  return v instanceof RecordBatch;
}

export function formatValue(v: Value): string {
  if (v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return `[${v.map(formatValue).join(",")}]`;
  if (typeof v === "object") {
    if (isBatch(v)) return `batch(${v.baseOffset}..${v.baseOffset + v.lastOffsetDelta} e${v.partitionLeaderEpoch})`;
    return `{${formatFields(v)}}`;
  }
  return String(v);
}

/** `key=value` for every field but those in `skip`. */
export function formatFields(o: object, skip: readonly string[] = []): string {
  return Object.entries(o)
    .filter(([k]) => !skip.includes(k))
    .map(([k, v]) => `${k}=${formatValue(v)}`)
    .join(" ");
}

/** `Kind key=value ...` for anything with a `kind` (messages, trace events). */
export function formatKind(o: { readonly kind: string }): string {
  const rest = formatFields(o, ["kind"]);
  return rest === "" ? o.kind : `${o.kind} ${rest}`;
}

/** The lines, or `ok` when a step produced nothing. */
export function lines(out: readonly string[]): string {
  return out.length === 0 ? "ok" : out.join("\n");
}
