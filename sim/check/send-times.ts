// When send() took each record, by rid, in 4 bytes a record instead of 8: rids come in
// send order, so the times of a block of rids lie close together. Each block keeps the first
// time recorded in it; a record keeps its signed µs offset from that. An offset past the Int32
// range (a block spanning 35 minutes, at a rate under one record a second) is kept exactly aside.

const BLOCK_BITS = 10;
const FAR = -2147483648;

export class SendTimes {
  private bases: Float64Array;
  private offsets: Int32Array;
  private readonly far = new Map<number, number>();

  constructor(capacity: number) {
    this.offsets = new Int32Array(capacity);
    this.bases = new Float64Array((capacity >> BLOCK_BITS) + 1).fill(Number.NaN);
  }

  set(rid: number, atUs: number): void {
    if (rid >= this.offsets.length) this.grow(rid);
    const block = rid >> BLOCK_BITS;
    let base = this.bases[block]!;
    if (Number.isNaN(base)) this.bases[block] = base = atUs;
    const offset = atUs - base;
    if (offset > FAR && offset <= 2147483647) {
      this.offsets[rid] = offset;
      this.far.delete(rid);
    } else {
      this.offsets[rid] = FAR;
      this.far.set(rid, atUs);
    }
  }

  get(rid: number): number {
    const offset = this.offsets[rid]!;
    return offset === FAR ? this.far.get(rid)! : this.bases[rid >> BLOCK_BITS]! + offset;
  }

  private grow(rid: number): void {
    const offsets = new Int32Array(Math.max(rid + 1, 2 * this.offsets.length));
    offsets.set(this.offsets);
    this.offsets = offsets;
    const bases = new Float64Array((offsets.length >> BLOCK_BITS) + 1).fill(Number.NaN);
    bases.set(this.bases);
    this.bases = bases;
  }
}
