// Writes Kafka's primitive types (org.apache.kafka.common.protocol.Writable, ByteUtils) into a
// growing buffer: big-endian fixed-width integers, zig-zag varints and varlongs, unsigned
// varints. `finish` returns the bytes written.

const utf8 = new TextEncoder();

export class ByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  pos = 0;

  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity);
    this.view = new DataView(this.buf.buffer);
  }

  private room(n: number): number {
    if (this.pos + n > this.buf.length) {
      const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
      next.set(this.buf.subarray(0, this.pos));
      this.buf = next;
      this.view = new DataView(next.buffer);
    }
    const at = this.pos;
    this.pos += n;
    return at;
  }

  int8(v: number): this {
    const at = this.room(1); // first: room() may replace this.view
    this.view.setInt8(at, v);
    return this;
  }
  int16(v: number): this {
    const at = this.room(2); // first: room() may replace this.view
    this.view.setInt16(at, v);
    return this;
  }
  uint16(v: number): this {
    const at = this.room(2); // first: room() may replace this.view
    this.view.setUint16(at, v);
    return this;
  }
  int32(v: number): this {
    const at = this.room(4); // first: room() may replace this.view
    this.view.setInt32(at, v);
    return this;
  }
  uint32(v: number): this {
    const at = this.room(4); // first: room() may replace this.view
    this.view.setUint32(at, v >>> 0);
    return this;
  }
  int64(v: number): this {
    const at = this.room(8); // first: room() may replace this.view
    this.view.setBigInt64(at, BigInt(v));
    return this;
  }
  float64(v: number): this {
    const at = this.room(8); // first: room() may replace this.view
    this.view.setFloat64(at, v);
    return this;
  }

  /** ByteUtils.writeUnsignedVarint. */
  unsignedVarint(v: number): this {
    let u = v >>> 0;
    while ((u & ~0x7f) !== 0) {
      this.byte((u & 0x7f) | 0x80);
      u >>>= 7;
    }
    return this.byte(u);
  }

  /** ByteUtils.writeVarint: zig-zag encoded. */
  varint(v: number): this {
    return this.unsignedVarint(((v << 1) ^ (v >> 31)) >>> 0);
  }

  /** ByteUtils.writeVarlong: zig-zag encoded 64-bit. */
  varlong(v: number): this {
    const x = BigInt(v);
    let u = BigInt.asUintN(64, (x << 1n) ^ (x >> 63n));
    while (u >= 0x80n) {
      this.byte(Number(u & 0x7fn) | 0x80);
      u >>= 7n;
    }
    return this.byte(Number(u));
  }

  raw(bytes: Uint8Array): this {
    const at = this.room(bytes.length); // first: room() may replace this.buf
    this.buf.set(bytes, at);
    return this;
  }

  private byte(b: number): this {
    const at = this.room(1);
    this.buf[at] = b;
    return this;
  }

  /** Overwrites an int32 written earlier (a length or CRC known only afterwards). */
  int32At(at: number, v: number): void {
    this.view.setInt32(at, v);
  }
  uint32At(at: number, v: number): void {
    this.view.setUint32(at, v >>> 0);
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }

  /** The bytes from `from` to the current end, without copying. */
  written(from: number): Uint8Array {
    return this.buf.subarray(from, this.pos);
  }
}

export function utf8Bytes(s: string): Uint8Array {
  return utf8.encode(s);
}
