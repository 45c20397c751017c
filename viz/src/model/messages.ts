// Messages in flight: every Send record (sent at timeUs, arriving at arrivalUs), indexed by
// 1 ms buckets in compressed rows, so the messages on the wire at t are found without a scan.

const BUCKET_US = 1000;
/** A message longer on the wire than this is kept in a short list checked every time. */
const LONG_BUCKETS = 2000;

export class MessageIndex {
  readonly sentUs: Float64Array;
  readonly arrivalUs: Float64Array;
  readonly from: Uint16Array;
  readonly to: Uint16Array;
  readonly kind: Uint16Array;
  readonly kindNames: string[] = [];
  private rowStart = new Uint32Array(1);
  private rows = new Uint32Array(0);
  private readonly long: number[] = [];
  private count = 0;

  constructor(capacity: number) {
    this.sentUs = new Float64Array(capacity);
    this.arrivalUs = new Float64Array(capacity);
    this.from = new Uint16Array(capacity);
    this.to = new Uint16Array(capacity);
    this.kind = new Uint16Array(capacity);
  }

  private readonly kindIndex = new Map<string, number>();

  get size(): number {
    return this.count;
  }

  readonly nodeNames: string[] = [];
  private readonly nodeIndex = new Map<string, number>();

  private node(name: string): number {
    let n = this.nodeIndex.get(name);
    if (n === undefined) {
      n = this.nodeNames.length;
      this.nodeIndex.set(name, n);
      this.nodeNames.push(name);
    }
    return n;
  }

  add(sentUs: number, arrivalUs: number, from: string, to: string, kind: string): void {
    let k = this.kindIndex.get(kind);
    if (k === undefined) {
      k = this.kindNames.length;
      this.kindIndex.set(kind, k);
      this.kindNames.push(kind);
    }
    const i = this.count++;
    this.sentUs[i] = sentUs;
    this.arrivalUs[i] = Math.max(arrivalUs, sentUs);
    this.from[i] = this.node(from);
    this.to[i] = this.node(to);
    this.kind[i] = k;
  }

  /** Builds the bucket rows; call once after the last add. */
  seal(endUs: number): void {
    const buckets = Math.floor(endUs / BUCKET_US) + 2;
    const counts = new Uint32Array(buckets + 1);
    const span = (i: number): [number, number] => [Math.floor(this.sentUs[i]! / BUCKET_US), Math.min(buckets - 1, Math.floor(this.arrivalUs[i]! / BUCKET_US))];
    for (let i = 0; i < this.count; i++) {
      const [a, b] = span(i);
      if (b - a > LONG_BUCKETS) continue;
      for (let k = a; k <= b; k++) counts[k + 1]!++;
    }
    for (let k = 0; k < buckets; k++) counts[k + 1]! += counts[k]!;
    const fill = counts.slice(0, buckets);
    this.rows = new Uint32Array(counts[buckets]!);
    for (let i = 0; i < this.count; i++) {
      const [a, b] = span(i);
      if (b - a > LONG_BUCKETS) {
        this.long.push(i);
        continue;
      }
      for (let k = a; k <= b; k++) this.rows[fill[k]!++] = i;
    }
    this.rowStart = counts;
  }

  /** Indices of the messages sent at or before t that arrive after t. */
  inFlight(timeUs: number, out: number[] = []): number[] {
    out.length = 0;
    const k = Math.floor(timeUs / BUCKET_US);
    if (k >= 0 && k + 1 < this.rowStart.length) {
      for (let j = this.rowStart[k]!; j < this.rowStart[k + 1]!; j++) {
        const i = this.rows[j]!;
        if (this.sentUs[i]! <= timeUs && this.arrivalUs[i]! > timeUs) out.push(i);
      }
    }
    for (const i of this.long) if (this.sentUs[i]! <= timeUs && this.arrivalUs[i]! > timeUs) out.push(i);
    return out;
  }
}
