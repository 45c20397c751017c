// A log written the way Kafka's LogTestUtils.appendTransactionalAsLeader /
// appendNonTransactionalAsLeader / appendEndTxnMarkerAsLeader write it: each producer's
// sequences continue where its last batch ended; markers go through the COORDINATOR checks.

import { PartitionLog } from "../../core/log/partition-log.ts";
import type { ProducerCheck } from "../../core/log/producer-state.ts";
import type { ControlTypeCode } from "../../core/protocol/records.ts";
import { MemDisk } from "../harness/index.ts";
import { batch, marker, transactional } from "../rules/batches.ts";

export class TxnLog {
  readonly log: PartitionLog;
  private readonly seqs = new Map<number, number>();

  constructor(
    readonly disk = new MemDisk(),
    segmentBytes = 5 << 20,
  ) {
    this.log = PartitionLog.load(disk, "logs/t-0", { segmentBytes, segmentMs: Infinity, flushMessages: Infinity }, 0);
  }

  /** `count` records of producer `pid`'s transaction (epoch `epoch`). */
  txn(pid: number, count: number, epoch = 0): void {
    const seq = this.seqs.get(pid) ?? 0;
    this.seqs.set(pid, seq + count);
    this.log.appendAsLeader(transactional(pid, epoch, seq, 0, count), 0, 0);
  }

  plain(count: number): void {
    this.log.appendAsLeader(batch({ count }), 0, 0);
  }

  /** The marker as WriteTxnMarkers appends it; returns the check and its offset. */
  end(pid: number, type: ControlTypeCode, epoch = 0, coordinatorEpoch = 0): { check: ProducerCheck; offset: number } {
    const m = marker(pid, epoch, type, 0, coordinatorEpoch);
    const check = this.log.producerState.checkMarker(m);
    if (check.kind !== "append") return { check, offset: -1 };
    return { check, offset: this.log.appendAsLeader(m, 0, 0).baseOffset };
  }

  /** Every segment's aborted transactions, oldest first (LogTestUtils.allAbortedTransactions). */
  allAbortedTransactions(): unknown[] {
    return this.log.segmentList.flatMap((s) => s.abortedTxns);
  }
}
