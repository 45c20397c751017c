// The summary as tables: the facts `kafkasim run` prints (expectations, produced, durability,
// latency, errors, consumer groups), one column per run — in a comparison the cells that
// differ are marked — then each run's partitions. Every cell is set as text.

import { brokerLine } from "../../../sim/run/broker-line.ts";
import type { Summary } from "../../../sim/run/summary.ts";

const n = (x: number): string => x.toLocaleString("en-US");
const ms = (x: number): string => (x >= 1000 ? `${n(Math.round(x))} ms` : `${Math.round(x * 10) / 10} ms`);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls !== undefined) e.className = cls;
  return e;
}

/** [label, value] rows of one run, in the CLI's order. */
export function facts(s: Summary): [string, string][] {
  const rows: [string, string][] = [];
  for (const e of s.expectations) rows.push([`expect ${e.name} ${e.expected}`, `${e.ok ? "✓" : "✗"} actual ${e.actual ?? "missing"}`]);
  const p = s.produced;
  const d = s.durability;
  rows.push(
    ["simulated", `${n(s.simulatedMs / 1000)} s (+${n(s.settleMs / 1000)} s settle), ${n(s.events)} events`],
    ["produced", `${n(p.attempted)} attempted, ${n(p.acknowledged)} acknowledged, ${n(p.failed)} failed, ${n(p.pending)} pending`],
    ["acknowledged but lost", n(d.acknowledgedLost)],
    ["duplicates", n(d.duplicates)],
    ["out of order", n(d.outOfOrder)],
    ["latency", `p50 ${ms(s.latency.p50Ms)}, p99 ${ms(s.latency.p99Ms)}, max ${ms(s.latency.maxMs)}`],
  );
  const errors = Object.entries(s.errors);
  if (errors.length > 0) rows.push(["failed with", errors.map(([k, v]) => `${k} ${n(v)}`).join(", ")]);
  const responses = Object.entries(s.errorResponses);
  if (responses.length > 0) rows.push(["error responses", responses.map(([k, v]) => `${k} ${n(v)}`).join(", ")]);
  for (const [group, g] of Object.entries(s.consumers)) {
    rows.push([`group ${group}`, `consumed ${n(g.consumed)}, max lag ${n(g.maxLag)}, final lag ${n(g.finalLag)}, rebalances ${g.rebalances}`]);
    if (g.processedTwice > 0 || g.neverProcessed > 0) rows.push([`group ${group} delivery`, `processed twice ${n(g.processedTwice)}, never processed ${n(g.neverProcessed)}`]);
  }
  for (const [id, b] of Object.entries(s.brokers)) {
    const line = brokerLine(b);
    if (line !== null) rows.push([`broker ${id}`, line]);
  }
  return rows;
}

/** One table of facts with a column per run; differing cells get class "diff". */
export function factsTable(summaries: readonly Summary[], titles: readonly string[]): HTMLTableElement {
  const table = el("table", undefined, "facts");
  if (summaries.length > 1) {
    const head = el("tr");
    head.append(el("th"), ...titles.map((t) => el("th", t)));
    table.append(head);
  }
  const per = summaries.map((s) => new Map(facts(s)));
  const labels: string[] = [];
  for (const m of per) for (const k of m.keys()) if (!labels.includes(k)) labels.push(k);
  for (const label of labels) {
    const tr = el("tr");
    const values = per.map((m) => m.get(label) ?? "—");
    // The event count always differs between two configurations: like the CLI's compare, not marked.
    const differs = label !== "simulated" && values.some((v) => v !== values[0]);
    tr.append(el("th", label), ...values.map((v) => el("td", v, differs && summaries.length > 1 ? "diff" : undefined)));
    table.append(tr);
  }
  return table;
}

export function partitionsTable(s: Summary): HTMLTableElement {
  const table = el("table", undefined, "partitions");
  const head = el("tr");
  for (const h of ["partition", "leader", "epoch", "isr", "log start", "log end", "hw", "records"]) head.append(el("th", h));
  table.append(head);
  for (const x of s.partitions) {
    const tr = el("tr");
    for (const v of [`${x.topic}-${x.partition}`, x.leader < 0 ? "none" : String(x.leader), String(x.leaderEpoch), x.isr.join(","), n(x.logStartOffset), n(x.logEndOffset), n(x.highWatermark), n(x.records)]) tr.append(el("td", v));
    table.append(tr);
  }
  return table;
}
