// When send() took each record, by rid, in 4 bytes a record instead of 8: rids come in
// send order, so the times of a block of rids lie close together. Each block keeps the first
// time recorded in it; a record keeps its signed µs offset from that. An offset past the Int32
// range (a block spanning 35 minutes, at a rate under one record a second) is kept exactly aside.

import { withCapacity } from "../../core/typed-arrays.ts";
import { ChunkedColumn } from "./chunked-column.ts";

const BLOCK_BITS = 10;
const FAR = -2147483648;

export class SendTimes {
  /** Per block, the first time recorded in it; a block without one has `hasBase` 0. */
  private bases = new Float64Array(64);
  private hasBase = new Uint8Array(64);
  private readonly offsets = new ChunkedColumn(Int32Array);
  private readonly far = new Map<number, number>();

  set(rid: number, atUs: number): void {
    const block = rid >> BLOCK_BITS;
    if (block >= this.bases.length) {
      this.bases = withCapacity(this.bases, block + 1);
      this.hasBase = withCapacity(this.hasBase, block + 1);
    }
    if (this.hasBase[block] === 0) {
      this.bases[block] = atUs;
      this.hasBase[block] = 1;
    }
    const offset = atUs - this.bases[block]!;
    if (offset > FAR && offset <= 2147483647) {
      this.offsets.set(rid, offset);
      if (this.far.size > 0) this.far.delete(rid); // a rid recorded again (tests), once far
    } else {
      this.offsets.set(rid, FAR);
      this.far.set(rid, atUs);
    }
  }

  get(rid: number): number {
    const offset = this.offsets.get(rid);
    return offset === FAR ? this.far.get(rid)! : this.bases[rid >> BLOCK_BITS]! + offset;
  }
}
