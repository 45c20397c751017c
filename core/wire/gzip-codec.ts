// Batch compression as the wire edge needs it, injected so core/ stays free of Node's zlib:
// sim/serve hands in node:zlib's gzip. Only gzip is offered; a batch in snappy, lz4 or zstd is
// answered with UNSUPPORTED_COMPRESSION_TYPE (record-batch-codec.ts).

export interface GzipCodec {
  gzip(bytes: Uint8Array): Uint8Array;
  /** Throws on corrupt input or when the output would exceed `maxBytes`. */
  gunzip(bytes: Uint8Array, maxBytes: number): Uint8Array;
}
