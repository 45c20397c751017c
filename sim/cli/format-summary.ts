// The human summary `kafkasim run` prints: the verdict first, then a compact table.

import type { Summary } from "../run/summary.ts";
import { brokerLine } from "../run/broker-line.ts";
import { verdictOf } from "../run/verdict.ts";

export { verdictOf };

const n = (x: number): string => x.toLocaleString("en-US");
const seconds = (x: number): string => `${(x / 1000).toLocaleString("en-US", { maximumFractionDigits: 3 })} s`;
const ms = (x: number): string => (x >= 1000 ? `${n(Math.round(x))} ms` : `${Math.round(x * 10) / 10} ms`);

export function formatSummary(summary: Summary, color: boolean): string {
  const paint = (code: number, s: string): string => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const verdict = verdictOf(summary);
  const head = verdict === "PASS" ? paint(32, "PASS") : verdict === "FAIL" ? paint(31, "FAIL") : verdict === "STOPPED" ? paint(33, "STOPPED") : paint(33, "RAN ");
  const lines: string[] = [];
  lines.push(
    `${head}  ${summary.scenario}  seed ${summary.seed}  ${n(summary.simulatedMs / 1000)} s simulated (+${n(summary.settleMs / 1000)} s settle)  ${n(summary.events)} events  trace ${summary.traceHash}`,
  );
  if (summary.incomplete !== undefined) {
    lines.push(`  ${summary.incomplete.message}`, "  every figure below is the state at that moment: faults not healed, no settle, expectations not judged");
  }
  for (const e of summary.expectations) {
    lines.push(`  ${e.ok ? paint(32, "✓") : paint(31, "✗")} ${e.name} ${e.expected}  (actual ${e.actual ?? "missing"})`);
  }
  const p = summary.produced;
  const d = summary.durability;
  lines.push("");
  const aborted = p.aborted === undefined ? "" : `, ${n(p.aborted)} aborted`;
  lines.push(`produced     ${n(p.attempted)} attempted, ${n(p.acknowledged)} acknowledged, ${n(p.failed)} failed${aborted}, ${n(p.pending)} pending`);
  const lostText = d.acknowledgedLost > 0 ? paint(31, `${n(d.acknowledgedLost)} acknowledged but lost`) : "0 acknowledged but lost";
  lines.push(`durability   ${lostText}, ${n(d.duplicates)} duplicates, ${n(d.outOfOrder)} out of order`);
  lines.push(`latency      p50 ${ms(summary.latency.p50Ms)}, p99 ${ms(summary.latency.p99Ms)}, max ${ms(summary.latency.maxMs)}`);
  const t = summary.transactions;
  if (t !== undefined) {
    const hanging = t.hangingInLog > 0 ? `, ${paint(31, `${n(t.hangingInLog)} records in transactions still open`)}` : "";
    lines.push(`transactions ${n(t.committed)} committed, ${n(t.aborted)} aborted, ${t.timedOut} timed out, ${t.fenced} fenced${t.open > 0 ? `, ${t.open} never ended` : ""}${hanging}`);
  }
  const errors = Object.entries(summary.errors);
  if (errors.length > 0) lines.push(`failed with  ${errors.map(([k, v]) => `${k} ${n(v)}`).join(", ")} (records)`);
  const responses = Object.entries(summary.errorResponses);
  if (responses.length > 0) lines.push(`error resps  ${responses.map(([k, v]) => `${k} ${n(v)}`).join(", ")} (batches, retries included)`);
  if (summary.network !== undefined) lines.push(crossZoneLine(summary.network));
  for (const [group, g] of Object.entries(summary.consumers)) {
    const truncation = g.logTruncations > 0 ? `, ${paint(31, `${g.logTruncations} log truncation${g.logTruncations === 1 ? "" : "s"} (${n(g.truncatedBehindPosition)} offsets read past it, ${n(g.seenNotCommitted)} processed records gone)`)}` : "";
    const reads = g.abortedRead === undefined ? "" : `, ${g.abortedRead > 0 ? paint(31, `${n(g.abortedRead)} aborted read`) : "0 aborted read"}, ${n(g.uncommittedRead ?? 0)} before commit`;
    lines.push(`group ${group}  consumed ${n(g.consumed)}, max lag ${n(g.maxLag)}, final lag ${n(g.finalLag)}, rebalances ${g.rebalances}${truncation}${reads}`);
  }
  for (const [id, q] of Object.entries(summary.pipelines ?? {})) {
    const dup = q.outputDuplicates > 0 ? paint(31, `${n(q.outputDuplicates)} inputs output twice or more`) : "0 duplicated";
    const missing = q.outputMissing > 0 ? paint(31, `${n(q.outputMissing)} committed inputs with no output`) : "0 missing";
    lines.push(`pipeline ${id}  consumed ${n(q.inputConsumed)}, ${n(q.outputCommitted)} outputs committed, ${dup}, ${missing}`);
  }
  for (const [id, b] of Object.entries(summary.brokers)) {
    const line = brokerLine(b);
    if (line !== null) lines.push(`broker ${id}     ${line}`);
  }
  if (summary.nemesis !== undefined) lines.push(...nemesisLines(summary.nemesis, summary.seed));
  lines.push("");
  const rows = [["partition", "leader", "epoch", "isr", "log start", "log end", "hw", "records"]];
  for (const x of summary.partitions) {
    rows.push([`${x.topic}-${x.partition}`, x.leader < 0 ? "none" : String(x.leader), String(x.leaderEpoch), x.isr.join(","), n(x.logStartOffset), n(x.logEndOffset), n(x.highWatermark), n(x.records)]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) lines.push(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  "));
  if (summary.lost.length > 0) {
    lines.push("");
    lines.push(`first lost records (rid partition ack-offset acked-at):`);
    for (const l of summary.lost.slice(0, 5)) lines.push(`  ${l.rid}  ${l.topic}-${l.partition}  ${l.ackOffset}  ${ms(l.ackedMs)}`);
  }
  return lines.join("\n");
}

/** The nemesis's drawn faults, so a seed's history can be read (and written out as `faults:`) without a trace. */
/** `cross-zone   118.5 MB: produce 14.8, replication 82.3, consume 20.4, other 1.1`. */
function crossZoneLine(net: NonNullable<Summary["network"]>): string {
  const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);
  const causes = Object.entries(net.crossRackBytesByCause).map(([cause, bytes]) => `${cause} ${mb(bytes)}`);
  return `cross-zone   ${mb(net.crossRackBytes)} MB: ${causes.join(", ")}`;
}

function nemesisLines(drawn: NonNullable<Summary["nemesis"]>, seed: number): string[] {
  const lines = [`nemesis      ${drawn.length} fault${drawn.length === 1 ? "" : "s"} drawn from seed ${seed}${drawn.length > 0 ? ":" : ""}`];
  for (const f of drawn) {
    lines.push(`  at ${seconds(f.atMs)}  ${f.action} ${f.targets.join(", ")}${f.forMs >= 0 ? ` for ${seconds(f.forMs)}` : ""}`);
  }
  return lines;
}
