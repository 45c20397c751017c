// Lesson captions placed on a run (viz/src/model/lesson-captions.ts) and the loss moment
// predict-then-reveal waits for (loss-moment.ts), in Node: acks1-leader-crash's captions land
// on the run's own events (the controller fences broker 1 and elects a new leader of
// orders-0 at 17.25 s, not at the 19 s the file once said), its records become lost at that
// election, and with acks=all the captions claiming a loss are marked. Synthetic traces pin
// what counts as an election, an ISR shrink and a loss.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { TraceEvent } from "../../core/trace/index.ts";
import type { LostRecord } from "../../sim/check/durability.ts";
import { runScenario } from "../../sim/run/runner.ts";
import { loadScenario } from "../../sim/scenario/index.ts";
import type { TraceRecord } from "../../sim/trace/trace.ts";
import { HappeningReader } from "../../viz/src/model/lesson-happenings.ts";
import { placeCaptions } from "../../viz/src/model/lesson-captions.ts";
import { lossMomentUs } from "../../viz/src/model/loss-moment.ts";
import { repoRoot } from "./harness.ts";
import { storeOf } from "./store-of.ts";

const ACKS1 = readFileSync(join(repoRoot, "scenarios/acks1-leader-crash.yaml"), "utf8");

/** Runs acks1-leader-crash (lessons do not change the run) and returns its trace and summary. */
function run(overrides: string[] = []) {
  const records: TraceRecord[] = [];
  const { summary } = runScenario(loadScenario(ACKS1, "acks1-leader-crash.yaml", overrides), { onTrace: (r) => void records.push(r) });
  return { store: storeOf(records), summary };
}

/** acks1-leader-crash's scenario with other captions. */
const withLesson = (lesson: string, overrides: string[] = []) => loadScenario(ACKS1.replace(/^lesson:[\s\S]*$/m, `lesson:\n${lesson}`), "acks1-leader-crash.yaml", overrides).lesson;

describe("acks1-leader-crash, seed 1", () => {
  const { store, summary } = run();
  const lossUs = lossMomentUs(store, summary.lost);

  it("loses its records at the election of orders-0's new leader, 17.25 s", () => {
    expect(summary.durability.acknowledgedLost).toBe(34);
    expect(lossUs).toBe(17_250_000);
  });

  it("the file's captions: the third on the election, at 17.25 s, all true of this run", () => {
    const captions = placeCaptions(loadScenario(ACKS1, "acks1-leader-crash.yaml").lesson, store, summary, lossUs);
    expect(captions.map((c) => [c.atUs, c.on, c.untrue])).toEqual([
      [9_000_000, null, null],
      [10_000_000, null, null],
      [17_250_000, "election(orders-0)", null],
    ]);
  });

  it.each([
    ["fenced(1)", 17_250_000],
    ["fenced", 17_250_000],
    ["election(orders-3)", 17_250_000],
    ["isrShrink(orders-1)", 17_250_000],
    ["isrExpand(orders-0)", 20_101_629],
    ["crash(1)", 10_000_000],
    ["restart(broker-1)", 20_000_000],
    ["truncation(orders-0)", 17_276_708],
    ["produceError(NETWORK_EXCEPTION)", 10_007_866],
    ["loss", 17_250_000],
  ])("on: %s lands at its event", (on, us) => {
    const [caption] = placeCaptions(withLesson(`  - { on: "${on}", text: x }\n`), store, summary, lossUs);
    expect([caption?.atUs, caption?.untrue]).toEqual([us, null]);
  });

  it("with at:, the first such event from then on", () => {
    const [caption] = placeCaptions(withLesson(`  - { on: truncation(orders-0), at: 18s, text: x }\n`), store, summary, lossUs);
    expect(caption?.atUs).toBe(20_045_657);
  });

  it("an event that never happens: after the caption before it, marked", () => {
    const captions = placeCaptions(withLesson(`  - { at: 9s, text: a }\n  - { on: fenced(3), text: b }\n  - { on: powerLoss, at: 12s, text: c }\n`), store, summary, lossUs);
    expect(captions.map((c) => [c.atUs, c.untrue])).toEqual([
      [9_000_000, null],
      [9_000_000, "not in this run: fenced(3) did not happen"],
      [12_000_000, "not in this run: powerLoss did not happen after 12s"],
    ]);
  });

  it("captions come out in time order, whatever order the file has", () => {
    const captions = placeCaptions(withLesson(`  - { on: election(orders-0), text: late }\n  - { at: 11s, text: early }\n`), store, summary, lossUs);
    expect(captions.map((c) => c.text)).toEqual(["early", "late"]);
  });
});

describe("acks1-leader-crash with acks=all", () => {
  const set = ["producers.0.config.acks=all"];
  const { store, summary } = run(set);

  it("loses nothing, so there is no loss moment", () => {
    expect(summary.durability.acknowledgedLost).toBe(0);
    expect(lossMomentUs(store, summary.lost)).toBeNull();
  });

  it("the captions that claim a loss are marked, not shown as true", () => {
    const captions = placeCaptions(loadScenario(ACKS1, "acks1-leader-crash.yaml", set).lesson, store, summary, null);
    expect(captions.map((c) => c.untrue)).toEqual([null, "not in this run: durability.acknowledgedLost is 0, not > 0", "not in this run: durability.acknowledgedLost is 0, not > 0"]);
    expect(captions[2]?.atUs).toBe(17_250_000);
  });
});

const record = (timeUs: number, node: string, event: TraceEvent): TraceRecord => ({ timeUs, node, event });
const changed = (timeUs: number, leader: number, leaderEpoch: number, isr: number[]): TraceRecord =>
  record(timeUs, "controller", { kind: "PartitionChanged", topic: "t", partition: 0, leader, leaderEpoch, isr, partitionEpoch: 0, reason: "" });
const becameLeader = (timeUs: number, broker: number, leaderEpoch: number, leo: number): TraceRecord =>
  record(timeUs, `broker-${broker}`, { kind: "BecameLeader", topic: "t", partition: 0, leaderEpoch, isr: [broker], leo, hw: leo });
const lostAt = (ackedMs: number, ackOffset: number): LostRecord => ({ rid: 1, topic: "t", partition: 0, ackOffset, sentMs: ackedMs - 1, ackedMs });

describe("HappeningReader", () => {
  it("a partition's creation is no election; a new leader or epoch is; ISR changes and offline are told apart", () => {
    const reader = new HappeningReader();
    const keys = [changed(0, 1, 0, [1, 2, 3]), changed(1, 1, 0, [1]), changed(2, -1, 1, [1]), changed(3, 2, 2, [2]), changed(4, 2, 2, [2, 3])].map((r) => reader.read(r.node, r.event));
    expect(keys).toEqual([
      [],
      ["isrShrink", "isrShrink(t)", "isrShrink(t-0)"],
      ["offline", "offline(t)", "offline(t-0)"],
      ["election", "election(t)", "election(t-0)", "isrShrink", "isrShrink(t)", "isrShrink(t-0)", "isrExpand", "isrExpand(t)", "isrExpand(t-0)"],
      ["isrExpand", "isrExpand(t)", "isrExpand(t-0)"],
    ]);
  });

  it("a node's first start is no restart", () => {
    const reader = new HappeningReader();
    expect(reader.read("broker-1", { kind: "NodeStarted", incarnation: 1 })).toEqual([]);
    expect(reader.read("broker-1", { kind: "NodeStarted", incarnation: 2 })).toEqual(["restart", "restart(broker-1)"]);
  });
});

describe("lossMomentUs", () => {
  it("the controller's election of a leader whose log ends at or below the record", () => {
    const store = storeOf([changed(0, 1, 0, [1, 2]), becameLeader(1, 1, 0, 0), changed(19_000, 2, 1, [2]), becameLeader(19_010, 2, 1, 5)]);
    expect(lossMomentUs(store, [lostAt(10, 5)])).toBe(19_000);
    // A new leader that has the record does not lose it.
    expect(lossMomentUs(store, [lostAt(10, 4)])).toBe(10_000);
  });

  it("the same leader back after a power loss with a shorter log: its BecameLeader", () => {
    const store = storeOf([changed(0, 1, 0, [1]), becameLeader(1, 1, 0, 0), becameLeader(25_000, 1, 0, 3)]);
    expect(lossMomentUs(store, [lostAt(20, 7)])).toBe(25_000);
  });

  it("an acks=0 record (no offset): the first new leader after it", () => {
    const store = storeOf([changed(0, 1, 0, [1, 2]), becameLeader(1, 1, 0, 0), changed(17_000, 2, 1, [2]), becameLeader(17_010, 2, 1, 100)]);
    expect(lossMomentUs(store, [lostAt(9, -1)])).toBe(17_000);
  });

  it("no such leader: the first fault after the acknowledgement, else the acknowledgement", () => {
    const fault = record(12_000, "faults", { kind: "Fault", action: "loss", probability: 1, delayMs: 0, forMs: 1000 });
    expect(lossMomentUs(storeOf([changed(0, 1, 0, [1]), fault]), [lostAt(10, 5)])).toBe(12_000);
    expect(lossMomentUs(storeOf([changed(0, 1, 0, [1])]), [lostAt(10, 5)])).toBe(10_000);
  });

  it("the first of several records", () => {
    const store = storeOf([changed(0, 1, 0, [1, 2]), becameLeader(1, 1, 0, 0), changed(19_000, 2, 1, [2]), becameLeader(19_010, 2, 1, 5), changed(30_000, 1, 2, [1]), becameLeader(30_010, 1, 2, 6)]);
    expect(lossMomentUs(store, [lostAt(25, 6), lostAt(10, 5)])).toBe(19_000);
  });
});
