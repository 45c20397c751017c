// Acknowledgement latencies without one number per record: counts per integer microsecond,
// exact, in a dense array below 2^16 µs (65.5 ms) and a sparse map above. A run whose
// latencies above 65.5 ms take more than MAX_SPARSE (262,144) distinct values folds the sparse
// part into log-linear buckets (HdrHistogram's layout: 2^-11 relative width, over three
// significant digits), and quantiles there report the bucket's highest value (HdrHistogram's
// highestEquivalentValue), never below the true one. Memory is bounded whatever the run's
// length: 512 KiB dense + at most MAX_SPARSE map entries (~10 MiB) + 1 MiB of bucket counts.

const DENSE = 1 << 16;
const MAX_SPARSE = 262_144;
const SUB_BUCKET_BITS = 11;

/** Nearest rank, 0-based, as summary.ts's quantiles(). */
function rankOf(n: number, q: number): number {
  return Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
}

export class LatencyHistogram {
  // Float64 counts: a bucket can pass 2^32 records in a long run at a high rate.
  private readonly dense = new Float64Array(DENSE);
  private sparse: Map<number, number> | null = new Map();
  private buckets: Float64Array | null = null;
  count = 0;
  maxUs = 0;

  /** Whether every quantile so far is exact (false once values were folded into buckets). */
  get isExact(): boolean {
    return this.buckets === null;
  }

  constructor(private readonly maxSparse = MAX_SPARSE) {}

  record(latencyUs: number, count = 1): void {
    this.count += count;
    if (latencyUs > this.maxUs) this.maxUs = latencyUs;
    if (latencyUs < DENSE) {
      this.dense[latencyUs]! += count;
      return;
    }
    if (this.sparse !== null) {
      this.sparse.set(latencyUs, (this.sparse.get(latencyUs) ?? 0) + count);
      if (this.sparse.size > this.maxSparse) this.fold();
      return;
    }
    this.buckets![bucketOf(latencyUs)]! += count;
  }

  private fold(): void {
    this.buckets = new Float64Array(64 << SUB_BUCKET_BITS);
    for (const [v, n] of this.sparse!) this.buckets[bucketOf(v)]! += n;
    this.sparse = null;
  }

  merge(other: LatencyHistogram): void {
    for (let v = 0; v < DENSE; v++) if (other.dense[v]! > 0) this.record(v, other.dense[v]!);
    if (other.sparse !== null) for (const [v, n] of other.sparse) this.record(v, n);
    if (other.buckets !== null) {
      if (this.buckets === null) this.fold();
      for (let b = 0; b < other.buckets.length; b++) this.buckets![b]! += other.buckets[b]!;
      this.count += other.buckets.reduce((a, n) => a + n, 0);
    }
    if (other.maxUs > this.maxUs) this.maxUs = other.maxUs;
  }

  /** The q-quantile (nearest rank) in µs; 0 when empty, as quantiles() says. */
  quantileUs(q: number): number {
    if (this.count === 0) return 0;
    const k = rankOf(this.count, q);
    if (k === this.count - 1) return this.maxUs;
    let seen = 0;
    for (let v = 0; v < DENSE; v++) {
      seen += this.dense[v]!;
      if (seen > k) return v;
    }
    if (this.sparse !== null) {
      const values = [...this.sparse.keys()].sort((a, b) => a - b);
      for (const v of values) {
        seen += this.sparse.get(v)!;
        if (seen > k) return v;
      }
    } else {
      for (let b = 0; b < this.buckets!.length; b++) {
        seen += this.buckets![b]!;
        if (seen > k) return Math.min(highestInBucket(b), this.maxUs);
      }
    }
    return this.maxUs;
  }

  /** Quantiles in ms, as quantiles() of the latencies in ms would give them. */
  quantilesMs(qs: readonly number[]): number[] {
    return qs.map((q) => this.quantileUs(q) / 1000);
  }
}

/** Log-linear bucket of a value ≥ 2^16: its power of two, then its top SUB_BUCKET_BITS bits below the leading one. */
function bucketOf(v: number): number {
  const exponent = Math.floor(Math.log2(v));
  const sub = Math.floor(v / 2 ** (exponent - SUB_BUCKET_BITS)) - (1 << SUB_BUCKET_BITS);
  return (exponent << SUB_BUCKET_BITS) + sub;
}

function highestInBucket(b: number): number {
  const exponent = b >> SUB_BUCKET_BITS;
  const sub = b & ((1 << SUB_BUCKET_BITS) - 1);
  const width = 2 ** (exponent - SUB_BUCKET_BITS);
  return ((1 << SUB_BUCKET_BITS) + sub + 1) * width - 1;
}
