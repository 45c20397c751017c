// A consumer's fetched data under isolation.level, after Kafka's CompletedFetchTest,
// FetcherTest and FetchCollectorTest (clients/src/test/java/org/apache/kafka/clients/consumer/
// internals/): control batches never reach the application and the position moves past them;
// with read_committed, the batches of the response's aborted transactions are skipped too
// (CompletedFetch.nextFetchedRecord). The isolation level rides on Fetch and ListOffsets.

import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../core/config/catalog.ts";
import { CONSUMER_CATALOG, consumerSettings } from "../../core/config/consumer-config.ts";
import type { ConsumerContext } from "../../core/consumer/consumer-context.ts";
import { Fetcher, type PolledSlice } from "../../core/consumer/fetcher.ts";
import { Errors } from "../../core/protocol/errors.ts";
import { IsolationLevel, type AbortedTransaction, type KafkaMessage } from "../../core/protocol/messages.ts";
import { ControlType, type RecordBatch } from "../../core/protocol/records.ts";
import { batch, marker, transactional } from "../rules/batches.ts";

const { ABORT, COMMIT } = ControlType;

/** A Fetcher assigned t-0 at offset 0, whose requests are kept. */
function fetcherAt0(isolation: "read_committed" | "read_uncommitted", extra: Record<string, unknown> = {}, committed = 0): { fetcher: Fetcher; sent: KafkaMessage[] } {
  const sent: KafkaMessage[] = [];
  const settings = { ...consumerSettings(resolveConfig(CONSUMER_CATALOG, { "group.id": "g", "isolation.level": isolation, ...extra }).values), groupId: "g", groupInstanceId: null };
  const ctx = {
    env: { now: () => 0, emit: () => {} },
    settings,
    groupId: "g",
    topic: "t",
    observer: { positionInitialized() {} },
    request: (_to: string, _info: unknown, _timeoutMs: number, build: (id: number) => KafkaMessage) => sent.push(build(sent.length + 1)),
    anyBroker: () => "broker-1",
    connections: { delayUs: () => 0 },
  } as unknown as ConsumerContext;
  const fetcher = new Fetcher(ctx, (e) => {
    throw new Error(e);
  });
  fetcher.onMetadata({ kind: "MetadataResponse", correlationId: 0, brokers: [1], topics: [{ name: "t", error: Errors.NONE, partitions: [{ partition: 0, error: Errors.NONE, leader: 1, leaderEpoch: 0, replicas: [1], isr: [1] }] }] });
  fetcher.setAssignment([{ topic: "t", partition: 0 }]);
  fetcher.onCommittedOffsets([{ topic: "t", partition: 0, offset: committed }]);
  return { fetcher, sent };
}

/** The offsets poll() hands out from one response, draining `perPoll` records at a time. */
function polledOffsets(isolation: "read_committed" | "read_uncommitted", batches: readonly RecordBatch[], aborted: readonly AbortedTransaction[] | null, perPoll = 500): { offsets: number[]; position: number } {
  const { fetcher } = fetcherAt0(isolation);
  const hw = batches.length === 0 ? 0 : batches.at(-1)!.baseOffset + batches.at(-1)!.lastOffsetDelta + 1;
  fetcher.onFetchResponse("broker-1", { kind: "FetchResponse", correlationId: 0, error: Errors.NONE, partitions: [{ topic: "t", partition: 0, error: Errors.NONE, highWatermark: hw, lastStableOffset: hw, logStartOffset: 0, abortedTransactions: aborted, divergingEpoch: null, batches }] }, [{ partition: 0, fetchOffset: 0 }]);
  const offsets: number[] = [];
  while (fetcher.hasBufferedRecords()) {
    const slices: PolledSlice[] = [];
    fetcher.drain(perPoll, slices);
    for (const s of slices) s.batches.forEach((b, i) => { for (let r = s.from[i]!; r < s.to[i]!; r++) offsets.push(b.offsetAt(r)); });
  }
  return { offsets, position: fetcher.assigned.get("t-0")!.position };
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

describe("CompletedFetch: control batches and aborted transactions", () => {
  it("read_committed drops an aborted transaction's records, read_uncommitted returns them (CompletedFetchTest.testAbortedTransactionRecordsRemoved)", () => {
    const log = [transactional(1, 0, 0, 0, 10), marker(1, 0, ABORT, 10)];
    expect(polledOffsets("read_committed", log, [{ producerId: 1, firstOffset: 0 }])).toEqual({ offsets: [], position: 11 });
    expect(polledOffsets("read_uncommitted", log, [{ producerId: 1, firstOffset: 0 }])).toEqual({ offsets: range(0, 10), position: 11 });
  });

  it("read_committed returns a committed transaction's records (CompletedFetchTest.testCommittedTransactionRecordsIncluded)", () => {
    expect(polledOffsets("read_committed", [transactional(1, 0, 0, 0, 10), marker(1, 0, COMMIT, 10)], null).offsets).toEqual(range(0, 10));
  });

  it("never returns a control record, and moves the position past it (FetcherTest.testFetcherIgnoresControlRecords)", () => {
    expect(polledOffsets("read_uncommitted", [batch({ producerId: 1, producerEpoch: 0, baseSequence: 0 }), marker(1, 0, ABORT, 1)], null)).toEqual({ offsets: [0], position: 2 });
  });

  it("interleaved committed and aborted transactions of two producers (FetcherTest.testReadCommittedWithCommittedAndAbortedTransactions)", () => {
    const log = [
      transactional(1, 0, 0, 0, 2), // commit1-1, commit1-2
      transactional(2, 0, 0, 2), // abort2-1
      marker(1, 0, COMMIT, 3),
      transactional(2, 0, 1, 4), // abort2-2
      marker(2, 0, ABORT, 5),
      transactional(1, 0, 2, 6), // abort1-1
      transactional(2, 0, 2, 7), // commit2-1
      transactional(1, 0, 3, 8), // abort1-2
      marker(1, 0, ABORT, 9),
      marker(2, 0, COMMIT, 10),
    ];
    const aborted = [{ producerId: 2, firstOffset: 2 }, { producerId: 1, firstOffset: 6 }];
    expect(polledOffsets("read_committed", log, aborted)).toEqual({ offsets: [0, 1, 7], position: 11 });
  });

  it("a duplicate abort marker is ignored; the next transaction is returned (FetcherTest.testMultipleAbortMarkers)", () => {
    const log = [transactional(1, 0, 0, 0, 2), marker(1, 0, ABORT, 2), marker(1, 0, ABORT, 3), transactional(1, 0, 2, 4, 2), marker(1, 0, COMMIT, 6)];
    expect(polledOffsets("read_committed", log, [{ producerId: 1, firstOffset: 0 }]).offsets).toEqual([4, 5]);
  });

  it("an abort marker whose transaction's data is gone ends it before the next one (FetcherTest.testReadCommittedAbortMarkerWithNoData)", () => {
    const log = [marker(1, 0, ABORT, 5), transactional(1, 0, 0, 6, 3), marker(1, 0, COMMIT, 9)];
    expect(polledOffsets("read_committed", log, [{ producerId: 1, firstOffset: 0 }]).offsets).toEqual([6, 7, 8]);
  });

  it("aborted transactions starting at offsets compaction removed (FetcherTest.testReadCommittedWithCompactedTopic)", () => {
    const log = [
      transactional(3, 0, 0, 3, 2),
      transactional(2, 0, 0, 15, 3),
      transactional(1, 0, 0, 22, 2),
      marker(2, 0, ABORT, 28),
      transactional(3, 0, 2, 30, 3),
      marker(3, 0, COMMIT, 35),
      transactional(1, 0, 2, 39, 2), // pid 1 aborted, its marker not in this fetch
    ];
    const aborted = [{ producerId: 2, firstOffset: 6 }, { producerId: 1, firstOffset: 0 }];
    expect(polledOffsets("read_committed", log, aborted).offsets).toEqual([3, 4, 30, 31, 32]);
  });

  it("skipping an aborted transaction still advances the position (FetcherTest.testConsumerPositionUpdatedWhenSkippingAbortedTransactions, FetchCollectorTest.testReadCommittedWithAbortedTransaction)", () => {
    expect(polledOffsets("read_committed", [transactional(1, 0, 0, 0, 2), marker(1, 0, ABORT, 2)], [{ producerId: 1, firstOffset: 0 }])).toEqual({ offsets: [], position: 3 });
  });

  it("max.poll.records splits a committed batch across polls around an aborted one", () => {
    const log = [transactional(1, 0, 0, 0, 3), transactional(2, 0, 0, 3, 2), marker(2, 0, ABORT, 5), transactional(1, 0, 3, 6, 3), marker(1, 0, COMMIT, 9)];
    expect(polledOffsets("read_committed", log, [{ producerId: 2, firstOffset: 3 }], 2)).toEqual({ offsets: [0, 1, 2, 6, 7, 8], position: 10 });
  });
});

describe("isolation.level on the wire", () => {
  it("Fetch and ListOffsets carry it (FetchConfig.isolationLevel; Kafka's default read_uncommitted)", () => {
    for (const [isolation, code] of [["read_committed", IsolationLevel.READ_COMMITTED], ["read_uncommitted", IsolationLevel.READ_UNCOMMITTED]] as const) {
      const { fetcher, sent } = fetcherAt0(isolation);
      fetcher.sendFetches();
      const f = sent.find((m) => m.kind === "Fetch");
      expect(f?.kind === "Fetch" && f.isolationLevel).toBe(code);
      const reset = fetcherAt0(isolation, { "auto.offset.reset": "latest" }, -1);
      reset.fetcher.resetPositions();
      const l = reset.sent.find((m) => m.kind === "ListOffsets");
      expect(l?.kind === "ListOffsets" && l.isolationLevel).toBe(code);
    }
  });
});
