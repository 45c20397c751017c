// With a controller quorum: every broker's replayed metadata is a prefix of the committed
// metadata log. Brokers are Raft observers that replay, in offset order, only records below
// the leader's high watermark (KafkaRaftClient serves observers committed records here;
// MetadataLoader replays batches in order); a broker that skips, reorders or replays a record
// the quorum has not committed would act on a cluster state that may never have existed.
// Checked after each event a broker handled, record by record, against the committed records
// QuorumInvariants collected from the voters' logs below their high watermarks (an entry
// there never changes: that is checked too). A tap on each broker incarnation's image
// (MetadataImage.onApply) hands over what it replayed during the event.

import { InvariantViolation } from "../../../core/invariant-violation.ts";
import type { MetadataImage } from "../../../core/metadata/metadata-image.ts";
import type { MetadataRecord } from "../../../core/protocol/metadata-records.ts";

interface Tapped {
  readonly image: MetadataImage;
  readonly replayed: MetadataRecord[];
  /** The offset the next replayed record must have. */
  next: number;
}

export class BrokerMetadataPrefix {
  private readonly brokers = new Map<number, Tapped>();

  constructor(private readonly committedRecord: (offset: number) => MetadataRecord | undefined) {}

  check(brokerId: number, image: MetadataImage): void {
    let t = this.brokers.get(brokerId);
    if (t === undefined || t.image !== image) t = this.tap(brokerId, image);
    const replayed = t.replayed.splice(0);
    for (const r of replayed) {
      const fail = (name: string, detail: string): never => {
        throw new InvariantViolation(name, `broker ${brokerId}: ${detail}`);
      };
      if (r.offset !== t.next) fail("broker-metadata-order", `replayed the record at offset ${r.offset} (${r.type}) when the next was ${t.next}`);
      const committed = this.committedRecord(r.offset);
      if (committed === undefined) fail("broker-metadata-uncommitted", `replayed the record at offset ${r.offset} (${r.type}), which the quorum has not committed`);
      if (!sameRecord(r, committed!)) fail("broker-metadata-prefix", `replayed ${JSON.stringify(r)} at offset ${r.offset}; the committed record there is ${JSON.stringify(committed)}`);
      t.next = r.offset + 1;
    }
  }

  /** A broker incarnation's image, from its first record on. */
  private tap(brokerId: number, image: MetadataImage): Tapped {
    const t: Tapped = { image, replayed: [], next: image.nextOffset };
    image.onApply = (r) => t.replayed.push(r);
    this.brokers.set(brokerId, t);
    return t;
  }
}

/** The same record: one object handed on, or equal fields (records are plain data). */
function sameRecord(a: MetadataRecord, b: MetadataRecord): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
