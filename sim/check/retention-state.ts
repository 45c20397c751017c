// What a reader rebuilds from a keyed topic, compared with the truth of the client-side history.
// The truth: every acknowledged record of the topic replayed in offset order, per partition,
// into a key → record map where a tombstone deletes its key (what a reader of the uncompacted
// log would build). Against it:
// - the final committed log replayed the same way (from the shared LogPresence walk) (a consumer that reads the whole topic now):
//   `stateMismatches` counts keys whose latest record (or absence) differs;
// - each consumer group's processed records replayed in processing order:
//   `consumerStateMismatches.<group>` (latest value per key), and
//   `consumerEventMismatches.<group>`: keys for which the group processed a different number of
//   events than were acknowledged — what an event-sourced projection (a sum, a count) needs,
//   and what compaction takes away;
// - `consumerUnreadRemoved.<group>`: acknowledged records the group never processed that
//   retention or compaction removed — a lagging consumer's history gone before it got there
//   (it hits OFFSET_OUT_OF_RANGE and auto.offset.reset moves it on).

import type { GroupHistory } from "./consumer-history.ts";
import type { CommittedLog } from "./durability.ts";
import { History, Outcome } from "./history.ts";
import { LogPresence } from "./log-presence.ts";
import { Removal, type RecordKeys, type RemovalRules } from "./retention-removals.ts";

export interface TopicState {
  /** Distinct keys acknowledged. */
  keys: number;
  /** Keys whose latest acknowledged record has a value / is a tombstone. */
  liveKeys: number;
  deletedKeys: number;
  recordsInLog: number;
  tombstonesInLog: number;
  stateMismatches: number;
  consumerStateMismatches: Record<string, number>;
  consumerEventMismatches: Record<string, number>;
  consumerUnreadRemoved: Record<string, number>;
}

/** Key index → rid of the latest record, or -1: never written or deleted by a tombstone. */
type State = Float64Array;

function newState(keyCount: number): State {
  return new Float64Array(keyCount).fill(-1);
}

function apply(state: State, keys: RecordKeys, rid: number): void {
  const k = keys.keyOf(rid);
  if (k < 0 || k >= state.length) return;
  state[k] = keys.isTombstone(rid) ? -1 : rid;
}

/** Keys present in one state and not the other, or present in both with different records. */
function mismatches(a: State, b: State): number {
  let n = 0;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) n++;
  return n;
}

export function topicState(
  topic: string,
  history: History,
  keys: RecordKeys,
  logs: readonly CommittedLog[],
  groups: readonly GroupHistory[],
  removals: RemovalRules,
  presence = new LogPresence(history, logs),
): TopicState {
  // Truth: per key, the acknowledged record latest in (partition, offset, rid) order — what a
  // replay of the uncompacted log in offset order leaves — found in one pass, without sorting
  // millions of records; then a tombstone there deletes the key.
  const readers = groups.filter((g) => g.topic === topic);
  // Per key index (dense, from RecordKeys): acknowledged events and the latest record (-1: none).
  const keyCount = keys.keys.length;
  const eventCount = new Int32Array(keyCount);
  const latestRid = newState(keyCount);
  // The latest record's (partition, offset) per key, beside its rid.
  const latestPartition = new Int32Array(keyCount);
  const latestOffset = new Float64Array(keyCount);
  const topicIndex = history.topics.indexOf(topic);
  history.forEachAcknowledged(topicIndex, (rid, partition, offset) => {
    const k = keys.keyOf(rid);
    if (k < 0) return;
    eventCount[k]!++;
    const current = latestRid[k]!;
    const pc = latestPartition[k]!;
    const oc = latestOffset[k]!;
    const later = current < 0 || (partition !== pc ? partition > pc : offset !== oc ? offset > oc : rid > current);
    if (!later) return;
    latestRid[k] = rid;
    latestPartition[k] = partition;
    latestOffset[k] = offset;
  });
  let everKeys = 0;
  let liveKeys = 0;
  const truth = newState(keyCount);
  for (let k = 0; k < keyCount; k++) {
    if (eventCount[k] === 0) continue;
    everKeys++;
    if (!keys.isTombstone(latestRid[k]!)) {
      truth[k] = latestRid[k]!;
      liveKeys++;
    }
  }
  // The final log replayed in offset order: per key, the record whose last copy comes last.
  const fromLog = newState(keyCount);
  const lastSeenAt = new Float64Array(keyCount).fill(-1);
  const position = presence.lastPosition;
  for (let rid = 0; rid < history.size; rid++) {
    const at = position[rid]!;
    if (at < 0 || history.topicIndex(rid) !== topicIndex) continue;
    const k = keys.keyOf(rid);
    if (k < 0 || k >= keyCount || at < lastSeenAt[k]!) continue;
    lastSeenAt[k] = at;
    fromLog[k] = keys.isTombstone(rid) ? -1 : rid;
  }
  const consumerStateMismatches: Record<string, number> = {};
  const consumerEventMismatches: Record<string, number> = {};
  const consumerUnreadRemoved: Record<string, number> = {};
  for (const g of readers) {
    const state = newState(keyCount);
    const seen = new Uint8Array(history.size);
    const counted = new Int32Array(keyCount);
    for (const r of g.rangesByTime()) {
      const b = g.rangeBatch(r);
      for (let i = g.rangeFrom(r); i < g.rangeTo(r); i++) {
        const rid = b.ridAt(i);
        apply(state, keys, rid);
        if (rid >= history.size || seen[rid] === 1) continue;
        seen[rid] = 1;
        const k = keys.keyOf(rid);
        if (k >= 0 && k < keyCount) counted[k]!++;
      }
    }
    let unreadRemoved = 0;
    history.forEachAcknowledged(topicIndex, (rid) => {
      if (seen[rid] !== 1 && removals.kindOf(rid) !== Removal.NONE) unreadRemoved++;
    });
    setField(consumerUnreadRemoved, g.group, unreadRemoved);
    let eventMismatches = 0;
    for (let k = 0; k < keyCount; k++) if (eventCount[k]! > 0 && counted[k] !== eventCount[k]) eventMismatches++;
    setField(consumerStateMismatches, g.group, mismatches(truth, state));
    setField(consumerEventMismatches, g.group, eventMismatches);
  }
  return {
    keys: everKeys,
    liveKeys,
    deletedKeys: everKeys - liveKeys,
    recordsInLog: presence.recordsInLog.get(topic) ?? 0,
    tombstonesInLog: presence.tombstonesInLog.get(topic) ?? 0,
    stateMismatches: mismatches(truth, fromLog),
    consumerStateMismatches,
    consumerEventMismatches,
    consumerUnreadRemoved,
  };
}

function setField(o: Record<string, number>, name: string, v: number): void {
  Object.defineProperty(o, name, { value: v, enumerable: true, writable: true, configurable: true });
}
