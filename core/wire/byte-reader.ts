// Reads Kafka's primitive types from a byte array (org.apache.kafka.common.protocol.Readable,
// ByteBufferAccessor and ByteUtils): big-endian fixed-width integers, zig-zag varints and
// varlongs, unsigned varints, and the strings and byte arrays built on them. Every read is
// bounds-checked and throws WireFormatError, so a truncated or lying frame cannot read past
// its end.

import { WireFormatError } from "./wire-format-error.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true });

export class ByteReader {
  private readonly view: DataView;
  pos: number;

  constructor(readonly bytes: Uint8Array, start = 0, private readonly end = bytes.length) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = start;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  private need(n: number): number {
    if (n < 0 || this.pos + n > this.end) throw new WireFormatError(`need ${n} bytes at ${this.pos}, have ${this.end - this.pos}`);
    const at = this.pos;
    this.pos += n;
    return at;
  }

  int8(): number {
    return this.view.getInt8(this.need(1));
  }
  int16(): number {
    return this.view.getInt16(this.need(2));
  }
  uint16(): number {
    return this.view.getUint16(this.need(2));
  }
  int32(): number {
    return this.view.getInt32(this.need(4));
  }
  uint32(): number {
    return this.view.getUint32(this.need(4));
  }
  /** An int64 as a number: exact below 2^53, which offsets, ids and timestamps stay under. */
  int64(): number {
    return Number(this.view.getBigInt64(this.need(8)));
  }
  float64(): number {
    return this.view.getFloat64(this.need(8));
  }

  /** ByteUtils.readUnsignedVarint: 7 bits a byte, low first, at most 5 bytes. */
  unsignedVarint(): number {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.bytes[this.need(1)]!;
      value |= (b & 0x7f) << (7 * i);
      if ((b & 0x80) === 0) return value >>> 0;
    }
    throw new WireFormatError("varint longer than 5 bytes");
  }

  /** ByteUtils.readVarint: zig-zag decoded. */
  varint(): number {
    const u = this.unsignedVarint();
    return (u >>> 1) ^ -(u & 1);
  }

  /** ByteUtils.readVarlong: zig-zag, at most 10 bytes, as a number (exact below 2^53). */
  varlong(): number {
    let value = 0n;
    for (let i = 0; i < 10; i++) {
      const b = this.bytes[this.need(1)]!;
      value |= BigInt(b & 0x7f) << BigInt(7 * i);
      if ((b & 0x80) === 0) return Number((value >> 1n) ^ -(value & 1n));
    }
    throw new WireFormatError("varlong longer than 10 bytes");
  }

  raw(n: number): Uint8Array {
    const at = this.need(n);
    return this.bytes.subarray(at, at + n);
  }

  utf8(n: number): string {
    try {
      return utf8.decode(this.raw(n));
    } catch {
      throw new WireFormatError("string is not valid UTF-8");
    }
  }

  uuid(): Uint8Array {
    return this.raw(16).slice();
  }
}
