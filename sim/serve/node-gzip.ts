// The gzip the wire edge compresses and decompresses record batches with: node:zlib, injected
// into core/wire (which may not import Node) through GzipCodec. Level 6, java.util.zip's default
// as Kafka's GzipCompression uses it.

import { gunzipSync, gzipSync } from "node:zlib";
import type { GzipCodec } from "../../core/wire/gzip-codec.ts";

export const nodeGzip: GzipCodec = {
  gzip: (bytes) => new Uint8Array(gzipSync(bytes, { level: 6 })),
  gunzip: (bytes, maxBytes) => new Uint8Array(gunzipSync(bytes, { maxOutputLength: maxBytes })),
};
