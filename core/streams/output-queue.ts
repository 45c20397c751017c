// The records a pipeline's processing produced and its producer has not yet taken: the
// producer's RecordSource. Each output has its own rid (the checker maps it back to its input)
// and the input's key and value size; it is due as soon as it is queued.

import { murmur2 } from "../partitioner/murmur2.ts";
import { utf8Bytes } from "../partitioner/utf8.ts";
import { KeyTable } from "../protocol/key-table.ts";
import { NO_KEY } from "../protocol/records.ts";
import type { AppRecord, RecordSource } from "../producer/workload.ts";

export class OutputQueue implements RecordSource {
  readonly keyNames = new KeyTable();
  private readonly hashes: number[] = [];
  private rids: number[] = [];
  private keyIds: number[] = [];
  private valueSizes: number[] = [];
  private head = 0;
  private readonly record: { -readonly [K in keyof AppRecord]: AppRecord[K] } = { rid: -1, key: null, keyId: NO_KEY, keyHash: null, valueBytes: null, partition: null };

  constructor(private readonly now: () => number) {}

  get size(): number {
    return this.rids.length - this.head;
  }

  /** `valueBytes` null: a tombstone in, a tombstone out. */
  push(rid: number, key: string | null, valueBytes: number | null): void {
    let keyId = NO_KEY;
    if (key !== null) {
      keyId = this.keyNames.intern(key);
      if (keyId === this.hashes.length) this.hashes.push(murmur2(utf8Bytes(key)));
    }
    this.rids.push(rid);
    this.keyIds.push(keyId);
    this.valueSizes.push(valueBytes ?? -1);
  }

  /** The outputs of an aborted transaction's inputs, not yet sent: they will be produced again. */
  clear(): void {
    this.rids = [];
    this.keyIds = [];
    this.valueSizes = [];
    this.head = 0;
  }

  nextDueUs(): number | null {
    return this.size > 0 ? this.now() : null;
  }

  take(): AppRecord {
    const i = this.head++;
    const r = this.record;
    const keyId = this.keyIds[i]!;
    const size = this.valueSizes[i]!;
    r.rid = this.rids[i]!;
    r.keyId = keyId;
    r.key = keyId === NO_KEY ? null : this.keyNames.name(keyId);
    r.keyHash = keyId === NO_KEY ? null : this.hashes[keyId]!;
    r.valueBytes = size < 0 ? null : size;
    if (this.head === this.rids.length) this.clear();
    return r;
  }
}
