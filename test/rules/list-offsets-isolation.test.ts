// ListOffsets LATEST under each isolation level (Partition.fetchOffsetForTimestamp): the HW
// for READ_UNCOMMITTED, the last stable offset for READ_COMMITTED; EARLIEST the log start.

import { describe, expect, it } from "vitest";
import { listOffsets } from "../../core/broker/list-offsets.ts";
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP } from "../../core/protocol/group-messages.ts";
import { IsolationLevel, type IsolationLevelCode } from "../../core/protocol/messages.ts";
import { Fixture } from "./partition-fixture.ts";
import { transactional } from "./batches.ts";

describe("ListOffsets and the isolation level", () => {
  it("LATEST is the LSO for READ_COMMITTED, the HW for READ_UNCOMMITTED (Partition.fetchOffsetForTimestamp)", () => {
    const f = new Fixture().seed(3, 0);
    f.log.appendAsLeader(transactional(7, 0, 0, 0, 2), 0, 0);
    f.seed(1, 0).makeLeader(0, [0], [0]);
    expect([f.log.highWatermark, f.log.lastStableOffset]).toEqual([6, 3]);
    const ask = (isolationLevel: IsolationLevelCode, timestamp: number) =>
      listOffsets({ kind: "ListOffsets", correlationId: 1, replicaId: -1, isolationLevel, partitions: [{ topic: "t", partition: 0, currentLeaderEpoch: -1, timestamp }] }, () => f.p).partitions[0]!.offset;
    expect(ask(IsolationLevel.READ_UNCOMMITTED, LATEST_TIMESTAMP)).toBe(6);
    expect(ask(IsolationLevel.READ_COMMITTED, LATEST_TIMESTAMP)).toBe(3);
    expect(ask(IsolationLevel.READ_COMMITTED, EARLIEST_TIMESTAMP)).toBe(0);
  });
});
