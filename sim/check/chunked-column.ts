// A column indexed by rid that grows in fixed chunks of 65,536 elements: no over-allocation
// past the last chunk and no copy of the whole column when it grows (a doubling array holds
// up to twice what it needs and, while it copies, three times), so memory tracks records sent.

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

type ChunkArray = Int32Array | Uint16Array | Uint8Array;

export class ChunkedColumn {
  private chunks: ChunkArray[] = [];

  constructor(private kind: new (length: number) => ChunkArray) {}

  /** Elements the chunks allocated so far can hold. */
  get capacity(): number {
    return this.chunks.length << CHUNK_BITS;
  }

  /** The value at `i`; 0 where nothing was set. */
  get(i: number): number {
    const chunk = this.chunks[i >>> CHUNK_BITS];
    return chunk === undefined ? 0 : chunk[i & MASK]!;
  }

  set(i: number, value: number): void {
    const k = i >>> CHUNK_BITS;
    const chunk = k < this.chunks.length ? this.chunks[k]! : this.grow(k);
    chunk[i & MASK] = value;
  }

  /** Turns every chunk into `kind` (a wider integer type), keeping the values. */
  widen(kind: new (length: number) => ChunkArray): void {
    this.kind = kind;
    this.chunks = this.chunks.map((c) => {
      const wide = new kind(CHUNK);
      wide.set(c);
      return wide;
    });
  }

  private grow(k: number): ChunkArray {
    while (this.chunks.length <= k) this.chunks.push(new this.kind(CHUNK));
    return this.chunks[k]!;
  }
}
