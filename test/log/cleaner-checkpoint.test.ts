// The cleaner's checkpoint lives on the broker's disk (cleaner-offset-checkpoint), so a
// restarted broker's cleaner starts where the last one stopped instead of re-cleaning the log.

import { describe, expect, it } from "vitest";
import type { Env, TimerHandle } from "../../core/env.ts";
import type { TraceEvent } from "../../core/trace/index.ts";
import { LogCleaner, type LogCleanerTimer } from "../../core/log/log-cleaner.ts";
import { MemDisk } from "../harness/index.ts";
import { batchOf, makeLog, settings } from "./helpers.ts";

const compact = settings({ "cleanup.policy": ["compact"], "min.cleanable.dirty.ratio": 0.01 });

function cleanerOn(disk: MemDisk, log: ReturnType<typeof makeLog>): { cleaner: LogCleaner; events: TraceEvent[] } {
  const events: TraceEvent[] = [];
  const env = {
    nodeId: "broker-1",
    now: () => 0,
    setTimer: () => ({}) as TimerHandle,
    cancelTimer: () => {},
    send: () => {},
    emit: (e: TraceEvent) => events.push(e),
    disk,
    tracing: false,
  } as unknown as Env<unknown, LogCleanerTimer>;
  return { cleaner: new LogCleaner(env, 15_000, () => compact, () => [{ topic: "t", partition: 0, log }]), events };
}

const cleaned = (events: readonly TraceEvent[]): [number, number][] => events.flatMap((e) => (e.kind === "LogCleaned" ? [[e.firstDirtyOffset, e.endOffset] as [number, number]] : []));

describe("cleaner-offset-checkpoint", () => {
  it("a restarted cleaner goes on from the checkpoint on disk (LogCleanerManager.allCleanerCheckpoints)", () => {
    const log = makeLog([["a", 1], ["b", 1], ["a", 2], ["b", 2], ["a", 3], ["c", 1]]);
    const disk = new MemDisk();
    const first = cleanerOn(disk, log);
    first.cleaner.onTimer();
    expect(cleaned(first.events)).toEqual([[0, 4]]);
    // Two more segments' worth, then a "restart": a new cleaner on the same disk.
    for (const r of [["a", 4], ["d", 1], ["e", 1]] as const) log.appendAsLeader(batchOf([r], 0), 0, 0);
    log.updateHighWatermark(log.logEndOffset);
    const restarted = cleanerOn(disk, log);
    restarted.cleaner.onTimer();
    expect(cleaned(restarted.events)).toEqual([[4, 8]]);
    // Without the file (another disk), the whole log counts as dirty again.
    const fresh = cleanerOn(new MemDisk(), log);
    fresh.cleaner.onTimer();
    expect(cleaned(fresh.events)).toEqual([[log.logStartOffset, 8]]);
  });
});
