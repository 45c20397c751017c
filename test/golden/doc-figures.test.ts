// The figures the README and docs/ quote, checked against runs: each claim renders the text
// the document must contain from a run's summary and key events, so when a model change moves
// a figure, this test names the document, the old text and the new one. Scenario runs come from
// their golden files (test/golden/scenarios/, checked by the library test); runs with --set
// are run here. Not checked here, for their cost in npm test: the sweep figures (100- and
// 20-seed sweeps in docs/teaching.md §8 and docs/operations.md) and what only the browser
// shows (interventions in docs/teaching.md §6 are checked by test/viz).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatSummary } from "../../sim/cli/format-summary.ts";
import { loadScenarioFile } from "../../sim/scenario/read-file.ts";
import { runScenario } from "../../sim/run/runner.ts";
import type { Summary } from "../../sim/run/summary.ts";
import { lossText } from "../../viz/src/verdict.ts";
import { GoldenRecorder, readGolden, type Golden } from "./golden-file.ts";

const root = join(import.meta.dirname, "../..");
const docText = new Map<string, string>();
const doc = (path: string): string => docText.get(path) ?? (docText.set(path, readFileSync(join(root, path), "utf8")), docText.get(path)!);

const runs = new Map<string, Golden>();
/** A scenario's golden run, or the scenario run here with `--set` overrides. */
function run(scenario: string, ...set: string[]): Golden {
  if (set.length === 0) return readGolden(scenario);
  const key = [scenario, ...set].join(" ");
  let g = runs.get(key);
  if (g === undefined) {
    const recorder = new GoldenRecorder();
    const { summary } = runScenario(loadScenarioFile(join(root, "scenarios", `${scenario}.yaml`), set), { onTrace: recorder.onTrace });
    runs.set(key, (g = recorder.golden(summary)));
  }
  return g;
}

const n = (x: number): string => x.toLocaleString("en-US");
/** As the CLI prints latencies: one decimal under a second, whole milliseconds above. */
const ms = (x: number): string => (x >= 1000 ? `${n(Math.round(x))} ms` : `${Math.round(x * 10) / 10} ms`);
const s1 = (xMs: number): string => `${(xMs / 1000).toFixed(1)} s`;
const f1 = (x: number): string => x.toFixed(1);
const pct = (x: number): string => `${Math.round(x * 100)} %`;
/** Simulated time (s) of the first key event matching `pattern`. */
function at(g: Golden, pattern: RegExp): number {
  const line = g.keyEvents.find((l) => pattern.test(l));
  if (line === undefined) throw new Error(`no key event matches ${pattern}`);
  return Number.parseFloat(line) / 1000;
}
const lost = (s: Summary): number => s.durability.acknowledgedLost;
const errorsOf = (s: Summary, code: string): number => s.errorResponses[code] ?? 0;
const approx = (x: number, step: number): string => `≈${n(Math.round(x / step) * step)}`;

interface Claim {
  readonly doc: string;
  readonly what: string;
  readonly text: () => string;
}

const claims: Claim[] = [
  // README: the scenario table.
  { doc: "README.md", what: "acks0 loss", text: () => { const s = run("acks0-leader-crash").summary; return `the producer never knows (${n(lost(s))} lost); the dead broker's host refuses reconnections, so the rest wait for the new leader (p99 ${ms(s.latency.p99Ms)})`; } },
  { doc: "README.md", what: "stopped active controller", text: () => `\`--set 'faults.1={ at: 10s, stop: controller, for: 20s }'\` is ${run("controller-quorum-failover", "faults.1={ at: 10s, stop: controller, for: 20s }").summary.controllerQuorum!.longestWithoutActiveMs} ms without an active` },
  { doc: "scenarios/controller-quorum-failover.yaml", what: "stopped active controller", text: () => `after ${run("controller-quorum-failover", "faults.1={ at: 10s, stop: controller, for: 20s }").summary.controllerQuorum!.longestWithoutActiveMs} ms instead of` },
  { doc: "README.md", what: "acks1 loss", text: () => `before followers fetched it (${lost(run("acks1-leader-crash").summary)} lost)` },
  { doc: "README.md", what: "unclean election loss", text: () => `unclean election loses ${approx(lost(run("min-isr-1-unclean-election").summary), 500)} records` },
  { doc: "README.md", what: "KIP-848 storm", text: () => `${run("rebalance-storm-consumer-protocol").summary.consumers["billing"]!.rebalances} epoch moves and ${n(run("rebalance-storm-consumer-protocol").summary.consumers["billing"]!.processedTwice)} processed twice (classic storm: ${run("rebalance-storm-gc-pauses").summary.consumers["billing"]!.rebalances} and ${n(run("rebalance-storm-gc-pauses").summary.consumers["billing"]!.processedTwice)})` },
  { doc: "README.md", what: "cold reads p99", text: () => `producer p99 ${Math.round(run("page-cache-hot-reads").summary.latency.p99Ms)} → ${Math.round(run("page-cache-cold-reads").summary.latency.p99Ms)} ms` },
  { doc: "README.md", what: "dirty limit p99", text: () => `every append waits for write-back: p99 ${(run("page-cache-dirty-limit").summary.latency.p99Ms / 1000).toFixed(1)} s (${Math.round(run("page-cache-dirty-limit", "cluster.disk.dirtyRatio=80", "cluster.disk.dirtyBackgroundRatio=5").summary.latency.p99Ms)} ms with dirtyRatio 80)` },
  { doc: "README.md", what: "TLS p99", text: () => `p99 ${Math.round(run("tls-plaintext-zero-copy").summary.latency.p99Ms)} → ${Math.round(run("tls-encryption-cost").summary.latency.p99Ms * 10) / 10} ms` },
  { doc: "README.md", what: "read_committed vs read_uncommitted", text: () => { const c = run("transactions-read-committed").summary.consumers; return `a read_uncommitted group hands its application ${n(c["dirty-reader"]!.abortedRead!)} records of aborted transactions and ${n(c["dirty-reader"]!.uncommittedRead!)} before their commit; a read_committed group ${c["committed-reader"]!.abortedRead === 0 && c["committed-reader"]!.uncommittedRead === 0 ? "none" : "some"}`; } },
  { doc: "README.md", what: "exactly-once pipeline", text: () => { const p = run("pipeline-exactly-once").summary.pipelines!["enrich"]!; return `${n(p.outputCommitted)} outputs committed, one per input, ${p.outputDuplicates} duplicated and ${p.outputMissing} missing`; } },
  { doc: "README.md", what: "at-least-once pipeline", text: () => { const p = run("pipeline-at-least-once").summary.pipelines!["enrich"]!; return `${n(p.outputDuplicates)} inputs with more than one output, ${p.outputMissing === 0 ? "none" : n(p.outputMissing)} missing`; } },
  { doc: "README.md", what: "zombie time lag", text: () => { const c = run("transactions-zombie-timeout").summary.consumers; return `time lag reaches ${(c["ledger"]!.maxTimeLagMs / 1000).toFixed(1)} s (read_uncommitted: ${(c["dashboard"]!.maxTimeLagMs / 1000).toFixed(1)} s)`; } },

  // docs/teaching.md
  { doc: "docs/teaching.md", what: "§2 verdict", text: () => { const d = run("acks1-leader-crash").summary.durability; return `**${lossText(d.acknowledgedLost)}** · ${n(d.duplicates)} duplicates · ${n(d.outOfOrder)} out of order`; } },
  { doc: "docs/teaching.md", what: "§2 first lost record", text: () => { const l = run("acks1-leader-crash").summary.lost[0]!; return `\`${l.topic}-${l.partition} offset ${l.ackOffset} · acked ${(l.ackedMs / 1000).toFixed(3)} s\``; } },
  { doc: "docs/teaching.md", what: "§2 caption 3 on the election", text: () => `(caption 3, at the election: ${at(run("acks1-leader-crash"), /PartitionChanged  topic=orders partition=0 leader=2 /).toFixed(2)} s)` },
  { doc: "docs/teaching.md", what: "§2 fencing time", text: () => `at ${at(run("acks1-leader-crash"), /BrokerSessionExpired  broker=1/).toFixed(2)} s the controller` },
  { doc: "docs/teaching.md", what: "§3 acks=all verdict", text: () => { const d = run("acks1-leader-crash", "producers.0.config.acks=all").summary.durability; return `**${lossText(d.acknowledgedLost)}** · ${n(d.duplicates)} duplicates · ${n(d.outOfOrder)} out of order`; } },
  { doc: "docs/teaching.md", what: "§3 latency price", text: () => { const a = run("acks1-leader-crash").summary.latency, b = run("acks1-leader-crash", "producers.0.config.acks=all").summary.latency; return `p50 **${ms(a.p50Ms)} → ${ms(b.p50Ms)}**,\n  p99 ${ms(a.p99Ms)} → ${ms(b.p99Ms)}`; } },
  { doc: "docs/teaching.md", what: "§4 acks=0", text: () => { const s = run("acks0-leader-crash").summary; return `**${n(lost(s))}** of ${n(s.produced.acknowledged)} "acknowledged" records lost`; } },
  { doc: "docs/teaching.md", what: "§4 acks=0 latency", text: () => { const l = run("acks0-leader-crash").summary.latency; return `p50 ${ms(l.p50Ms)},\n  p99 ${Math.round(l.p99Ms)} ms`; } },
  { doc: "docs/teaching.md", what: "§5 ISR shrink", text: () => `At **${at(run("min-isr-1-unclean-election"), /PartitionChanged  topic=events partition=0 leader=1 leaderEpoch=0 isr=\[1\] /).toFixed(1)} s**` },
  { doc: "docs/teaching.md", what: "§5 fencing", text: () => `at **${at(run("min-isr-1-unclean-election"), /BrokerSessionExpired  broker=1/).toFixed(2)} s** the controller fences it` },
  { doc: "docs/teaching.md", what: "§5 loss", text: () => `**${lossText(lost(run("min-isr-1-unclean-election").summary))}**` },
  { doc: "docs/teaching.md", what: "§5 min ISR 2", text: () => { const b = run("min-isr-2-not-enough-replicas").summary; return `**${lost(b)} lost**;\n  instead the producer got **${errorsOf(b, "NOT_ENOUGH_REPLICAS")} NOT_ENOUGH_REPLICAS** error responses and waited (p50\n  ${s1(b.latency.p50Ms)} against ${s1(run("min-isr-1-unclean-election").summary.latency.p50Ms)})`; } },
  { doc: "docs/teaching.md", what: "§5 offline", text: () => { const g = run("unclean-election-disabled"); return `**${lost(g.summary)} lost** too, but \`events-0\` has no leader from ${at(g, /BrokerSessionExpired  broker=1/).toFixed(2)} s until broker 1\n  returns at ${at(g, /broker-1  NodeStarted  incarnation=2/).toFixed(1)} s`; } },
  { doc: "docs/teaching.md", what: "§9 read_committed", text: () => { const c = run("transactions-read-committed").summary.consumers; return `hands its application **${n(c["dirty-reader"]!.abortedRead!)}** records of aborted transactions`; } },
  { doc: "docs/teaching.md", what: "§9 zombie", text: () => { const c = run("transactions-zombie-timeout").summary.consumers; return `time lag reaches **${(c["ledger"]!.maxTimeLagMs / 1000).toFixed(1)} s** against ${(c["dashboard"]!.maxTimeLagMs / 1000).toFixed(1)} s`; } },
  { doc: "docs/teaching.md", what: "§7 power loss", text: () => { const a = run("power-loss-no-fsync").summary, b = run("power-loss-fsync-every-message").summary; return `lose **${n(lost(a))}** acknowledged records to one\n  rack-wide power loss; with \`flush.messages=1\`, **${lost(b)}**, for p50 latency ${a.latency.p50Ms.toFixed(1)} ms → ${b.latency.p50Ms.toFixed(1)} ms`; } },

  // docs/operations.md
  // README: the zones table.
  { doc: "README.md", what: "zone outage, rack-aware", text: () => { const s = run("zone-outage-rack-aware").summary; return `| ${errorsOf(s, "NOT_ENOUGH_REPLICAS")} NOT_ENOUGH_REPLICAS, ${s.produced.failed} failed, ${lost(s)} lost; p99 ${s1(s.latency.p99Ms)}, max ${s1(s.latency.maxMs)} (`; } },
  { doc: "README.md", what: "zone outage, two replicas in one zone", text: () => { const s = run("zone-outage-two-replicas-one-zone").summary; return `| ${errorsOf(s, "NOT_ENOUGH_REPLICAS")} NOT_ENOUGH_REPLICAS responses; p99 ${s1(s.latency.p99Ms)}, max ${s1(s.latency.maxMs)}; ${lost(s)} lost`; } },
  { doc: "README.md", what: "zone latency and acks=all", text: () => {
    const l = (set: string[]): string => { const s = run("zone-latency-acks-all", ...set).summary; return `${f1(s.latency.p50Ms)} / ${f1(s.latency.p99Ms)} ms`; };
    const s = run("zone-latency-acks-all").summary;
    return `| p50 ${f1(s.latency.p50Ms)} ms, p99 ${f1(s.latency.p99Ms)} ms; 1 ms apart ${l(["cluster.network.racks.latency=1ms"])}; one zone ${l(["cluster.network.racks.latency=100us"])}; acks=1 at 3 ms ${l(["producers.0.config.acks=1"])} |`;
  } },
  { doc: "README.md", what: "zone partition, controller", text: () => { const s = run("zone-partition-controller").summary; return `max ${s1(s.latency.maxMs)}; ${lost(s)} lost, ${errorsOf(s, "NOT_ENOUGH_REPLICAS")} NOT_ENOUGH_REPLICAS (one controller in az1: ${errorsOf(run("zone-partition-controller", "cluster.controllers=1").summary, "NOT_ENOUGH_REPLICAS")})`; } },
  { doc: "README.md", what: "follower fetching", text: () => {
    const on = run("follower-fetching").summary, off = run("follower-fetching", "cluster.config.replica.selector.class=null").summary;
    const e = (s: Summary): NonNullable<Summary["endToEnd"]>[string] => s.endToEnd!["analytics"]!;
    return `consumer cross-zone bytes ${f1(off.network!.crossRackBytesByCause.consume / 1e6)} MB → ${on.network!.crossRackBytesByCause.consume} B; end-to-end p50 ${f1(e(off).p50Ms)} → ${f1(e(on).p50Ms)} ms, p99 ${f1(e(off).p99Ms)} → ${f1(e(on).p99Ms)} ms, max ${f1(e(off).maxMs)} → ${Math.round(e(on).maxMs)} ms`;
  } },
  { doc: "README.md", what: "rack-aware range assignment", text: () => {
    const consume = (s: Summary): string => f1(s.network!.crossRackBytesByCause.consume / 1e6);
    return `consumer cross-zone bytes ${consume(run("rack-aware-range-assignment").summary)} MB (one partition without a replica in its member's zone) against ${consume(run("rack-aware-range-assignment", "consumers.0.config.partition.assignment.strategy=roundrobin").summary)} MB`;
  } },
  { doc: "README.md", what: "rack-aware sticky assignment", text: () => {
    const consume = (s: Summary): number => s.network!.crossRackBytesByCause.consume;
    const mb = (s: Summary): string => f1(consume(s) / 1e6);
    const rr = run("zones-sticky-rack-aware", "consumers.0.config.partition.assignment.strategy=roundrobin").summary;
    const off = run("zones-sticky-rack-aware", "cluster.config.replica.selector.class=null").summary;
    return `consumer cross-zone bytes ${consume(run("zones-sticky-rack-aware").summary)} B, against ${mb(rr)} MB with round-robin (no rack logic) and ${mb(off)} MB with follower fetching off`;
  } },
  { doc: "scenarios/zones-sticky-rack-aware.yaml", what: "rack-aligned consumption", text: () => `reads in its own zone: ${run("zones-sticky-rack-aware").summary.network!.crossRackBytesByCause.consume} bytes cross zones` },
  { doc: "scenarios/zones-sticky-rack-aware.yaml", what: "round-robin", text: () => `the group reads ${f1(run("zones-sticky-rack-aware", "consumers.0.config.partition.assignment.strategy=roundrobin").summary.network!.crossRackBytesByCause.consume / 1e6)} MB across` },
  { doc: "scenarios/zones-sticky-rack-aware.yaml", what: "follower fetching off", text: () => `lead from another zone: ${f1(run("zones-sticky-rack-aware", "cluster.config.replica.selector.class=null").summary.network!.crossRackBytesByCause.consume / 1e6)} MB` },
  { doc: "docs/operations.md", what: "§1 cold reads", text: () => { const a = run("page-cache-cold-reads").summary, b = run("page-cache-cold-reads", "cluster.config.num.network.threads=4").summary; return `| produce p99 | ${Math.round(a.latency.p99Ms)} ms | ${Math.round(b.latency.p99Ms)} ms |\n| produce max | ${Math.round(a.latency.maxMs)} ms | ${Math.round(b.latency.maxMs)} ms |`; } },
  { doc: "docs/operations.md", what: "§1 hot reads", text: () => `has p99 ${Math.round(run("page-cache-hot-reads").summary.latency.p99Ms * 10) / 10} ms` },
  { doc: "docs/operations.md", what: "§2 dirty limit", text: () => { const a = run("page-cache-dirty-limit").summary, b = run("page-cache-dirty-limit", "cluster.disk.dirtyRatio=80", "cluster.disk.dirtyBackgroundRatio=5").summary; return `| produce p99 | ${n(Math.round(a.latency.p99Ms))} ms | ${Math.round(b.latency.p99Ms * 10) / 10} ms |\n| produce max | ${n(Math.round(a.latency.maxMs))} ms | ${Math.round(b.latency.maxMs)} ms |\n| writer time blocked (broker 1) | ${(a.brokers["1"]!.appendThrottledMs / 1000).toFixed(1)} s over the run | ${b.brokers["1"]!.appendThrottledMs} |`; } },
  { doc: "docs/operations.md", what: "§3 TLS", text: () => { const a = run("tls-encryption-cost").summary, b = run("tls-plaintext-zero-copy").summary; return `| produce p50 | ${ms(a.latency.p50Ms)} | ${ms(b.latency.p50Ms)} |\n| produce p99 | ${ms(a.latency.p99Ms)} | ${Math.round(b.latency.p99Ms)} ms |\n| network threads busy (broker 1) | ${pct(a.brokers["1"]!.networkBusy)} | ${pct(b.brokers["1"]!.networkBusy)} |`; } },
  { doc: "docs/operations.md", what: "§3 one network thread", text: () => `TLS p99 is ${ms(run("tls-encryption-cost", "cluster.config.num.network.threads=1").summary.latency.p99Ms)}` },
];

describe("figures quoted in the README and docs/", () => {
  it("the README's first command prints what the README shows", () => {
    const block = /The first prints the verdict first, then a compact table:\n\n```\n([\s\S]*?)\n```/.exec(doc("README.md"));
    expect(block, "README.md: the sample output block").not.toBeNull();
    const shown = block![1]!.split("\n");
    const printed = formatSummary(run("acks1-leader-crash").summary, false).split("\n");
    shown.forEach((line, i) => {
      // A line cut with "…" is a prefix of what is printed.
      if (line.endsWith("…")) expect(printed[i]!.startsWith(line.slice(0, -1)), `README.md sample line ${i + 1}: "${line}" vs printed "${printed[i]}"`).toBe(true);
      else expect(printed[i], `README.md sample line ${i + 1}`).toBe(line);
    });
  });

  for (const c of claims) {
    it(`${c.doc}: ${c.what}`, () => {
      const text = c.text();
      expect(doc(c.doc).includes(text), `${c.doc} should say:\n${text}`).toBe(true);
    });
  }
});
