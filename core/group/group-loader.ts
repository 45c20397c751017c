// Replays __consumer_offsets batches into a fresh GroupStore (CoordinatorLoaderImpl feeding
// GroupCoordinatorShard.replay), the same replay the live handlers' records go through.
// A loaded classic group with members is Stable at its stored generation; its members keep
// their member ids and must heartbeat the new coordinator within their session timeout.
// A loaded consumer group's members keep their epochs, states and assignments likewise.

import type { RecordBatch } from "../protocol/records.ts";
import { ControlType } from "../protocol/records.ts";
import { GroupStore } from "./group-store.ts";

/** Transactional offset commits replay as pending, and a marker ends them (GroupCoordinatorShard.replayEndTransactionMarker). */
export function replayGroupRecords(batches: readonly RecordBatch[], store = new GroupStore()): GroupStore {
  for (const b of batches) {
    if (b.control !== null) store.replayEndTransactionMarker(b.producerId, b.control.type === ControlType.COMMIT);
    else if (b.coordinator !== null) for (const r of b.coordinator) store.replay(r, b.isTransactional ? b.producerId : -1);
  }
  return store;
}
