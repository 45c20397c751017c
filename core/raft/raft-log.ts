// A voter's copy of the metadata log (KafkaMetadataLog over __cluster_metadata-0): entries with
// the epoch of the leader that wrote them, and the epoch → start offset index a Raft log needs
// for up-to-dateness (endOffset), divergence (endOffsetForEpoch) and truncation. The index is
// rebuilt from the entries after a restart or a truncation; it is as long as the epochs seen.

import type { DiskFile } from "../env.ts";
import type { MetadataRecord } from "../protocol/metadata-records.ts";

export interface RaftEntry {
  readonly epoch: number;
  readonly record: MetadataRecord;
}

/** OffsetAndEpoch. */
export interface OffsetAndEpoch {
  readonly offset: number;
  readonly epoch: number;
}

/** Bytes a metadata record takes in the log, as the single controller writes it. */
export const METADATA_RECORD_BYTES = 64;

export class RaftLog {
  /** [epoch, startOffset] pairs, epochs increasing (LeaderEpochFileCache of the metadata log). */
  private epochs: [number, number][] = [];

  constructor(private readonly file: DiskFile<RaftEntry>) {
    this.reindex();
  }

  get entries(): readonly RaftEntry[] {
    return this.file.entries;
  }

  /** The log end offset: the offset the next entry gets. */
  get endOffset(): number {
    return this.file.entries.length;
  }

  /** Epoch of the last entry, 0 for an empty log. */
  get lastEpoch(): number {
    return this.epochs.length === 0 ? 0 : this.epochs[this.epochs.length - 1]![0];
  }

  /** ReplicatedLog.endOffset(): (LEO, epoch of the last entry). */
  endOffsetAndEpoch(): OffsetAndEpoch {
    return { offset: this.endOffset, epoch: this.lastEpoch };
  }

  append(entry: RaftEntry): void {
    if (entry.epoch < this.lastEpoch) throw new Error(`raft log: epoch ${entry.epoch} after ${this.lastEpoch}`);
    if (entry.epoch > this.lastEpoch || this.epochs.length === 0) this.epochs.push([entry.epoch, this.endOffset]);
    this.file.append(entry, METADATA_RECORD_BYTES);
  }

  /** Starts an fsync; returns the delay until everything appended so far is durable. */
  fsync(): number {
    return this.file.fsync();
  }

  /** Drops entries from `offset` on. */
  truncateTo(offset: number): void {
    if (offset >= this.endOffset) return;
    this.file.truncate(offset);
    this.reindex();
  }

  /**
   * ReplicatedLog.endOffsetForEpoch: the largest epoch ≤ `epoch` this log has, and the offset
   * where the epoch after it starts (the LEO when it is the last); (offset 0, epoch 0) when this
   * log has nothing at or below `epoch`.
   */
  endOffsetForEpoch(epoch: number): OffsetAndEpoch {
    for (let i = this.epochs.length - 1; i >= 0; i--) {
      const [e] = this.epochs[i]!;
      if (e <= epoch) {
        const next = this.epochs[i + 1];
        return { epoch: e, offset: next === undefined ? this.endOffset : next[1] };
      }
    }
    return { epoch: 0, offset: 0 };
  }

  private reindex(): void {
    this.epochs = [];
    const entries = this.file.entries;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!.epoch;
      if (this.epochs.length === 0 || e > this.epochs[this.epochs.length - 1]![0]) this.epochs.push([e, i]);
    }
  }
}
