// What the checkers may excuse: acknowledged records that are missing from the final log
// because Kafka was asked to remove them, not because it lost them. Like the rest of the
// checker it decides from the client-side history (offsets, keys, tombstones, times) and the
// final committed logs only, never from a broker's account of what it deleted:
// - retention: the record's acknowledged offset lies below the final log start offset of its
//   partition on a topic whose cleanup.policy has "delete" (retention deletes whole segments
//   from the start). A record acknowledged without an offset (acks=0) counts when the log
//   start moved and no later record of the same producer precedes it in the log.
// - compaction, on a topic whose policy has "compact":
//   · a record without a key (the cleaner drops it as invalid);
//   · a record superseded by a later offset of its key: one still in the log, or an
//     acknowledged tombstone that was itself removable;
//   · a tombstone acknowledged at least delete.retention.ms before the end of the run (KIP-534:
//     the cleaner keeps it delete.retention.ms after the cleaning that first saw it, which
//     came after the acknowledgement).
// Anything else missing stays `acknowledgedLost`.

import type { AppRecord, RecordSource } from "../../core/producer/workload.ts";
import { ChunkedColumn } from "./chunked-column.ts";
import type { TopicSettings } from "../../core/config/topic-config.ts";
import type { RecordBatch } from "../../core/protocol/records.ts";
import { History, Outcome } from "./history.ts";

export const Removal = { NONE: 0, RETENTION: 1, COMPACTION: 2 } as const;
export type RemovalKind = (typeof Removal)[keyof typeof Removal];

/** A record source that says which key id (KeyGenerator) the record it last handed out has. */
export interface KeyedRecordSource extends RecordSource {
  readonly lastKeyId: number;
  readonly keyIds: { name(id: number): string; readonly idCount: number };
}

/**
 * Keys and tombstone flags of every record sent, by rid (the history keeps neither): a key
 * index in 2 bytes while there are fewer than 65,535 keys (4 past that), a tombstone in a bit.
 */
export class RecordKeys {
  /** Key index + 1 (0 = no key), 2 bytes wide until an index passes 65,534. */
  private readonly keyIdx = new ChunkedColumn(Uint16Array);
  private wide = false;
  /** One bit per rid. */
  private readonly tombstone = new ChunkedColumn(Uint8Array);
  private readonly index = new Map<string, number>();
  readonly keys: string[] = [];

  /**
   * A source that notes each record's key as the application hands it over. Keys come as
   * the source's key ids, mapped to this table's indices once per id, not hashed per record.
   */
  wrap(source: KeyedRecordSource): RecordSource {
    const ids = source.keyIds;
    const indexOfId = new Int32Array(ids.idCount); // key index + 1; 0 = not yet interned
    return {
      keyNames: source.keyNames,
      nextDueUs: () => source.nextDueUs(),
      take: (): AppRecord => {
        const r = source.take();
        const id = source.lastKeyId;
        let k = -1;
        if (id >= 0) {
          k = indexOfId[id]! - 1;
          if (k < 0) {
            k = this.intern(ids.name(id));
            indexOfId[id] = k + 1;
          }
        }
        this.noteIndex(r.rid, k, r.valueBytes === null);
        return r;
      },
    };
  }

  private intern(key: string): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.keys.push(key) - 1;
      this.index.set(key, i);
    }
    return i;
  }

  private noteIndex(rid: number, keyIndex: number, isTombstone: boolean): void {
    if (keyIndex + 1 > 65535 && !this.wide) {
      this.keyIdx.widen(Int32Array);
      this.wide = true;
    }
    this.keyIdx.set(rid, keyIndex + 1);
    const bits = this.tombstone.get(rid >> 3);
    this.tombstone.set(rid >> 3, isTombstone ? bits | (1 << (rid & 7)) : bits & ~(1 << (rid & 7)));
  }

  /** `to` has the key and tombstone flag of `from` (a pipeline's output of its input). */
  copyKey(from: number, to: number): void {
    this.noteIndex(to, this.keyOf(from), this.isTombstone(from));
  }

  /** Interned key index, or -1 for a record without a key (or one never seen). */
  keyOf(rid: number): number {
    return this.keyIdx.get(rid) - 1;
  }

  isTombstone(rid: number): boolean {
    return (this.tombstone.get(rid >> 3) & (1 << (rid & 7))) !== 0;
  }
}

export interface FinalLog {
  readonly topic: string;
  readonly partition: number;
  readonly batches: readonly RecordBatch[];
  readonly highWatermark: number;
  readonly logStartOffset: number;
}

export interface RemovalRules {
  /** Removal kind of an acknowledged record missing from its final log. */
  kindOf(rid: number): RemovalKind;
}

const NO_REMOVALS: RemovalRules = { kindOf: () => Removal.NONE };

/** Builds the rules for one run's final logs. */
export function removalRules(history: History, keys: RecordKeys, logs: readonly FinalLog[], settingsOf: (topic: string) => TopicSettings, endUs: number): RemovalRules {
  const perLog = new Map<string, LogFacts>();
  let any = false;
  for (const log of logs) {
    const s = settingsOf(log.topic);
    if (!s.cleanupPolicy.compact && !(s.cleanupPolicy.delete && log.logStartOffset > 0)) continue;
    any = true;
    perLog.set(`${log.topic}\u0000${log.partition}`, logFacts(history, keys, log, s));
  }
  if (!any) return NO_REMOVALS;
  const tombstoneGone = (rid: number, s: TopicSettings): boolean => keys.isTombstone(rid) && history.doneAtUs(rid) + s.deleteRetentionMs * 1000 <= endUs;
  // Per log: latest acknowledged offset of a removable tombstone, per key.
  for (let rid = 0; rid < history.size; rid++) {
    if (history.outcomeOf(rid) !== Outcome.ACKED || !keys.isTombstone(rid)) continue;
    const f = perLog.get(`${history.topic(rid)}\u0000${history.partition(rid)}`);
    if (f === undefined || !f.settings.cleanupPolicy.compact || !tombstoneGone(rid, f.settings)) continue;
    const k = keys.keyOf(rid);
    const o = history.ackOffset(rid);
    if (k >= 0 && o > (f.goneTombstoneOffset.get(k) ?? -1)) f.goneTombstoneOffset.set(k, o);
  }
  return {
    kindOf(rid: number): RemovalKind {
      const f = perLog.get(`${history.topic(rid)}\u0000${history.partition(rid)}`);
      if (f === undefined) return Removal.NONE;
      const offset = history.ackOffset(rid);
      const s = f.settings;
      if (s.cleanupPolicy.delete && f.logStartOffset > 0) {
        if (offset >= 0 ? offset < f.logStartOffset : rid < (f.firstRidOfProducer.get(history.producer(rid)) ?? Infinity)) return Removal.RETENTION;
      }
      if (!s.cleanupPolicy.compact) return Removal.NONE;
      const k = keys.keyOf(rid);
      if (k < 0) return Removal.COMPACTION;
      const later = Math.max(f.latestOffsetOfKey.get(k) ?? -1, f.goneTombstoneOffset.get(k) ?? -1);
      if (offset >= 0 && later > offset) return Removal.COMPACTION;
      if (offset < 0 && rid < (f.latestRidOfKey.get(k) ?? -1)) return Removal.COMPACTION;
      if (tombstoneGone(rid, s)) return Removal.COMPACTION;
      return Removal.NONE;
    },
  };
}

interface LogFacts {
  readonly settings: TopicSettings;
  readonly logStartOffset: number;
  /** Key index → latest offset / rid of that key in the final committed log. */
  readonly latestOffsetOfKey: Map<number, number>;
  readonly latestRidOfKey: Map<number, number>;
  readonly goneTombstoneOffset: Map<number, number>;
  /** Producer index → first rid it has in the final log (for records without an offset). */
  readonly firstRidOfProducer: Map<number, number>;
}

function logFacts(history: History, keys: RecordKeys, log: FinalLog, settings: TopicSettings): LogFacts {
  const facts: LogFacts = { settings, logStartOffset: log.logStartOffset, latestOffsetOfKey: new Map(), latestRidOfKey: new Map(), goneTombstoneOffset: new Map(), firstRidOfProducer: new Map() };
  for (const b of log.batches) {
    for (let i = 0; i < b.count; i++) {
      const rid = b.ridAt(i);
      const offset = b.offsetAt(i);
      if (offset >= log.highWatermark) break;
      if (rid >= history.size) continue;
      const k = keys.keyOf(rid);
      if (k >= 0) {
        facts.latestOffsetOfKey.set(k, offset);
        if (rid > (facts.latestRidOfKey.get(k) ?? -1)) facts.latestRidOfKey.set(k, rid);
      }
      const p = history.producer(rid);
      if (rid < (facts.firstRidOfProducer.get(p) ?? Infinity)) facts.firstRidOfProducer.set(p, rid);
    }
  }
  return facts;
}
