// One broker's disk and network-thread figures as a line of text, for the CLI's summary and
// the report's facts table alike; null for a broker with nothing to explain.

import type { BrokerSummary } from "./summary.ts";

const n = (x: number): string => x.toLocaleString("en-US");
const ms = (x: number): string => (x >= 1000 ? `${n(Math.round(x))} ms` : `${Math.round(x * 10) / 10} ms`);
const mib = (bytes: number): string => `${n(Math.round((bytes / 2 ** 20) * 10) / 10)} MiB`;
const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/** Shown only after cold reads, appends blocked by the dirty limit, or TLS. */
export function brokerLine(b: BrokerSummary): string | null {
  if (b.diskReadBytes === 0 && b.appendsThrottled === 0 && b.networkTlsMs === 0) return null;
  return (
    `disk read ${mib(b.diskReadBytes)}, written ${mib(b.diskWrittenBytes)}, ${n(b.appendsThrottled)} appends throttled (${ms(b.appendThrottledMs)}); ` +
    `network threads ${pct(b.networkBusy)} busy (sendfile from disk ${ms(b.networkDiskWaitMs)}, TLS ${ms(b.networkTlsMs)})`
  );
}
