// Batch compression (CompressionType; KIP-390 levels at their defaults). A compressed batch
// costs its header plus its records' bytes times the codec's ratio, on disk, on the wire and in
// the page cache, and the CPU time of compressing and decompressing its records at the codec's
// speed.
//
// The figures are one published measurement: lzbench 2.0.1 (inikep/lzbench README), one thread
// of an AMD EPYC 9554 at 3.1 GHz, on the Silesia corpus; zstd level 3, which that table skips,
// from lzbench 2.0 on the same machine (inikep/lizard README). Kafka's defaults: gzip is
// java.util.zip at level 6 (zlib -6); lz4 at the default level 9 uses lz4-java's fast
// compressor (plain lz4, not lz4hc; Lz4BlockOutputStream); zstd level 3; snappy has no level.
// Silesia is mixed text and binary: real payloads (JSON, logs) often compress better, small
// batches worse, so a producer can state its data's ratio (kafkasim.compression.ratio).

export const CompressionType = { NONE: 0, GZIP: 1, SNAPPY: 2, LZ4: 3, ZSTD: 4 } as const;
export type CompressionCode = (typeof CompressionType)[keyof typeof CompressionType];

export interface Codec {
  readonly name: string;
  /** Compressed size over uncompressed size. */
  readonly ratio: number;
  /** Bytes of input per µs (MB/s), one thread. */
  readonly compressBytesPerUs: number;
  readonly decompressBytesPerUs: number;
}

/** Indexed by CompressionCode, as Kafka numbers them. */
export const CODECS: readonly Codec[] = [
  { name: "none", ratio: 1, compressBytesPerUs: Infinity, decompressBytesPerUs: Infinity },
  { name: "gzip", ratio: 0.3219, compressBytesPerUs: 25.3, decompressBytesPerUs: 344 }, // zlib 1.3.1 -6
  { name: "snappy", ratio: 0.4785, compressBytesPerUs: 401, decompressBytesPerUs: 1077 }, // snappy 1.2.1
  { name: "lz4", ratio: 0.476, compressBytesPerUs: 577, decompressBytesPerUs: 3716 }, // lz4 1.10.0
  { name: "zstd", ratio: 0.3139, compressBytesPerUs: 250, decompressBytesPerUs: 1210 }, // zstd 1.5.6 -3
];

/** The code of a producer's compression.type (none, gzip, snappy, lz4, zstd). */
export function compressionCode(name: string): CompressionCode {
  const code = CODECS.findIndex((c) => c.name === name);
  return (code < 0 ? CompressionType.NONE : code) as CompressionCode;
}

/** Bytes the records of a batch take once compressed (uncompressed: as they are). */
export function compressedRecordsBytes(code: CompressionCode, recordsBytes: number, ratio = CODECS[code]!.ratio): number {
  return code === CompressionType.NONE ? recordsBytes : Math.ceil(recordsBytes * ratio);
}

export function compressUs(code: CompressionCode, recordsBytes: number): number {
  return code === CompressionType.NONE ? 0 : recordsBytes / CODECS[code]!.compressBytesPerUs;
}

export function decompressUs(code: CompressionCode, recordsBytes: number): number {
  return code === CompressionType.NONE ? 0 : recordsBytes / CODECS[code]!.decompressBytesPerUs;
}

/**
 * BrokerCompressionType.targetCompression: a topic's compression.type "producer" keeps the
 * batch's codec, "uncompressed" stores none, a codec name stores that codec.
 */
export function targetCompression(topicCompressionType: string, source: CompressionCode): CompressionCode {
  if (topicCompressionType === "producer") return source;
  if (topicCompressionType === "uncompressed") return CompressionType.NONE;
  return compressionCode(topicCompressionType);
}
