// Invariants of the KRaft controller quorum (Raft's safety, KIP-595), checked after each event
// a voter handled, as RaftEventSimulationTest checks its invariants after every event:
// - election safety: at most one leader per epoch, ever;
// - committed entries never change: an entry below a voter's high watermark has the same
//   epoch at the same offset on every voter, and the committed prefix only grows;
// - leader completeness: a new leader's log holds the whole committed prefix.
// An entry is known by (offset, epoch) (Raft's log matching) and its record's offset.

import { InvariantViolation } from "../../../core/invariant-violation.ts";
import type { MetadataRecord } from "../../../core/protocol/metadata-records.ts";
import type { RaftClient } from "../../../core/raft/raft-client.ts";

export class QuorumInvariants {
  private readonly leaders = new Map<number, number>();
  /** Epoch of each committed entry, by offset. */
  private readonly committed: number[] = [];
  /** The committed records, by offset (what brokers may replay: broker-metadata-prefix.ts). */
  private readonly committedRecords: MetadataRecord[] = [];
  /** Per voter: how far its log was checked against the committed prefix. */
  private readonly checkedUpTo = new Map<number, number>();

  check(voterId: number, raft: RaftClient): void {
    const fail = (name: string, detail: string): never => {
      throw new InvariantViolation(name, `controller-${voterId}: ${detail}`);
    };
    const entries = raft.log.entries;
    if (raft.isLeader) {
      const leader = this.leaders.get(raft.epoch);
      if (leader !== undefined && leader !== voterId) fail("one-leader-per-epoch", `leads epoch ${raft.epoch}, which controller-${leader} led`);
      if (leader === undefined) {
        this.leaders.set(raft.epoch, voterId);
        if (entries.length < this.committed.length) fail("leader-completeness", `leads epoch ${raft.epoch} with ${entries.length} entries; ${this.committed.length} are committed`);
        this.checkedUpTo.set(voterId, 0);
        this.compare(voterId, raft, this.committed.length, fail);
      }
    }
    const hw = Math.min(raft.highWatermark, entries.length);
    this.compare(voterId, raft, hw, fail);
  }

  /** Checks the voter's entries below `upTo` against the committed prefix and extends it. */
  private compare(voterId: number, raft: RaftClient, upTo: number, fail: (name: string, detail: string) => never): void {
    const entries = raft.log.entries;
    // Recheck the last entry checked before: a truncation below it would show there.
    const from = Math.max(0, Math.min(this.checkedUpTo.get(voterId) ?? 0, entries.length) - 1);
    for (let o = from; o < upTo; o++) {
      const e = entries[o]!;
      if (e.record.offset !== o) fail("committed-order", `entry at offset ${o} holds record ${e.record.offset}`);
      const epoch = this.committed[o];
      if (epoch === undefined) {
        this.committed.push(e.epoch);
        this.committedRecords.push(e.record);
      }
      else if (epoch !== e.epoch) fail("committed-never-change", `offset ${o} has epoch ${e.epoch}; the committed entry there has epoch ${epoch}`);
    }
    if (upTo > (this.checkedUpTo.get(voterId) ?? 0)) this.checkedUpTo.set(voterId, upTo);
    if ((this.checkedUpTo.get(voterId) ?? 0) > entries.length) this.checkedUpTo.set(voterId, entries.length);
  }

  /** The committed record at `offset`, or undefined past the committed prefix. */
  committedRecord(offset: number): MetadataRecord | undefined {
    return this.committedRecords[offset];
  }

  /** Committed entries so far (for tests). */
  get committedLength(): number {
    return this.committed.length;
  }
}
