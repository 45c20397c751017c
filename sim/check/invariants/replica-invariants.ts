// Invariants of one replica, checked each time its broker handled an event:
// - the high watermark lies within the log: logStartOffset ≤ HW ≤ LEO;
// - a leader's HW never moves back within its leader epoch, and when it advances it is no
//   further than the log end offset every member of the maximal ISR has reached
//   (Partition.maybeIncrementLeaderHW: the HW is the smallest LEO of the ISR, KIP-497);
// - committed prefixes agree: every batch a replica holds below its HW is the batch a
//   leader committed at that offset (CommittedBatches), unless the partition lost data in a
//   way Kafka allows (an unclean election, a power loss on a replica, legacy truncation);
// - a leader's last stable offset lies in [logStartOffset, HW], is no further than its first
//   undecided transaction (a read_committed consumer never sees undecided data), and never
//   moves back within its leader epoch (UnifiedLog.lastStableOffset).
// Each replica keeps how far it has been checked, so an event costs the batches it committed.

import type { Partition } from "../../../core/broker/partition.ts";
import { InvariantViolation } from "../../../core/invariant-violation.ts";
import { partitionKey } from "../../../core/metadata/metadata-image.ts";
import type { RecordBatch } from "../../../core/protocol/records.ts";
import { CommittedBatches } from "./committed-batches.ts";
import type { LeaderEpochs } from "./leader-epochs.ts";

interface ReplicaCheck {
  /** Offsets below this have been checked against the committed batches. */
  checkedHw: number;
  role: Partition["role"];
  leaderEpoch: number;
  /** The last stable offset when last checked as leader. */
  lastStableOffset: number;
}

export interface ReplicaContext {
  readonly leaderEpochs: LeaderEpochs;
  /** False where the partition may legitimately hold different committed data on different replicas. */
  prefixChecked(tp: string, replicas: readonly number[]): boolean;
}

export class ReplicaInvariants {
  /** Keyed by the Partition object: a restarted broker's replicas are new objects, checked afresh. */
  private readonly checks = new WeakMap<Partition, ReplicaCheck>();
  private readonly committed = new Map<string, CommittedBatches>();

  constructor(private readonly ctx: ReplicaContext) {}

  check(brokerId: number, p: Partition): void {
    const log = p.log;
    const hw = log.highWatermark;
    const tp = partitionKey(p.topic, p.partition);
    if (!(log.logStartOffset <= hw && hw <= log.logEndOffset)) {
      this.fail("hw-within-log", brokerId, tp, `log start ${log.logStartOffset}, high watermark ${hw}, log end ${log.logEndOffset}`);
    }
    let state = this.checks.get(p);
    if (state === undefined) {
      // First sight (a new replica, a restarted broker): its whole committed prefix is checked.
      state = { checkedHw: log.logStartOffset, role: "none", leaderEpoch: -1, lastStableOffset: -1 };
      this.checks.set(p, state);
    }
    const sameLeadership = state.role === "leader" && p.role === "leader" && state.leaderEpoch === p.leaderEpoch;
    if (p.role === "leader") {
      this.ctx.leaderEpochs.observe(tp, p.leaderEpoch, brokerId, `broker ${brokerId}`);
      if (sameLeadership && hw < state.checkedHw) this.fail("leader-hw-monotonic", brokerId, tp, `the high watermark moved back from ${state.checkedHw} to ${hw} in leader epoch ${p.leaderEpoch}`);
      // Only an advance by this leader in this epoch: a new leader inherits its HW from its
      // follower days while it knows nothing yet of the followers (their LEO is unknown).
      if (sameLeadership && hw > state.checkedHw) this.checkIsrReached(brokerId, tp, p, hw);
      this.checkLastStableOffset(brokerId, tp, p, sameLeadership ? state.lastStableOffset : -1);
      state.lastStableOffset = log.lastStableOffset;
    }
    state.role = p.role;
    state.leaderEpoch = p.leaderEpoch;
    if (hw < state.checkedHw) state.checkedHw = Math.max(hw, log.logStartOffset);
    if (hw > state.checkedHw) {
      if (this.ctx.prefixChecked(tp, p.replicas)) this.checkCommitted(brokerId, tp, p, state.checkedHw, hw);
      state.checkedHw = hw;
    }
  }

  /** The leader's LSO: within [log start, HW], not past undecided data, not back since `previous` (-1: a new leadership). */
  private checkLastStableOffset(brokerId: number, tp: string, p: Partition, previous: number): void {
    const log = p.log;
    const lso = log.lastStableOffset;
    if (!(log.logStartOffset <= lso && lso <= log.highWatermark)) {
      this.fail("lso-within-hw", brokerId, tp, `last stable offset ${lso} outside log start ${log.logStartOffset} .. high watermark ${log.highWatermark}`);
    }
    const undecided = log.producerState.firstUndecidedOffset();
    if (undecided >= log.logStartOffset && lso > undecided) this.fail("lso-below-undecided", brokerId, tp, `last stable offset ${lso} passes the open transaction at ${undecided}`);
    if (lso < previous) this.fail("leader-lso-monotonic", brokerId, tp, `the last stable offset moved back from ${previous} to ${lso} in leader epoch ${p.leaderEpoch}`);
  }

  /** The HW may not pass the LEO of any maximal-ISR member the leader knows of. */
  private checkIsrReached(brokerId: number, tp: string, p: Partition, hw: number): void {
    for (const id of p.maximalIsr) {
      if (id === brokerId) continue;
      const f = p.followers.get(id);
      if (f !== undefined && f.logEndOffset < hw) {
        this.fail("hw-within-isr", brokerId, tp, `high watermark ${hw} passes ISR member ${id}'s log end offset ${f.logEndOffset} (ISR ${p.maximalIsr.join(",")})`);
      }
    }
  }

  private checkCommitted(brokerId: number, tp: string, p: Partition, from: number, to: number): void {
    let batches = this.committed.get(tp);
    if (batches === undefined) this.committed.set(tp, (batches = new CommittedBatches()));
    const committed = batches;
    const leading = p.role === "leader";
    p.log.forEachBatchBetween(from, to, (b: RecordBatch) => {
      if (b.baseOffset > committed.lastBase) {
        // Past everything committed so far: a leader commits it now; a follower cannot be
        // ahead of every leader, but its HW is the leader's, learnt a fetch later.
        if (leading) committed.record(b);
        return;
      }
      const wrong = committed.mismatch(b);
      if (wrong !== null) this.fail("committed-prefix-agrees", brokerId, tp, `below its high watermark ${to} the replica holds ${wrong}`);
    });
  }

  private fail(name: string, brokerId: number, tp: string, detail: string): never {
    throw new InvariantViolation(name, `broker ${brokerId}, ${tp}: ${detail}`);
  }
}
