// Cuts a TCP byte stream into Kafka request frames: a 4-byte big-endian size, then that many
// bytes (NetworkReceive). A size below zero or above socket.request.max.bytes is refused, as
// NetworkReceive throws InvalidReceiveException and the broker closes the connection.

import { MAX_REQUEST_BYTES } from "../../core/wire/frames.ts";

export class FrameSplitter {
  private buffered: Buffer = Buffer.alloc(0);

  constructor(private readonly maxBytes = MAX_REQUEST_BYTES) {}

  /** The complete frames (without size prefix) the new bytes finish; throws on an impossible size. */
  push(chunk: Buffer): Uint8Array[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const frames: Uint8Array[] = [];
    while (this.buffered.length >= 4) {
      const size = this.buffered.readInt32BE(0);
      if (size < 0 || size > this.maxBytes) throw new RangeError(`frame size ${size} is outside 0..${this.maxBytes}`);
      if (this.buffered.length < 4 + size) break;
      frames.push(new Uint8Array(this.buffered.subarray(4, 4 + size)));
      this.buffered = this.buffered.subarray(4 + size);
    }
    return frames;
  }
}
