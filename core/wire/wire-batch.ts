// A v2 record batch as it travels (DefaultRecordBatch / DefaultRecord), with real key, value
// and header bytes: what the wire edge decodes from a Produce request and encodes into a Fetch
// response. Types only; record-batch-codec.ts reads and writes them.

export interface WireHeader {
  readonly key: string;
  readonly value: Uint8Array | null;
}

export interface WireRecord {
  readonly offsetDelta: number;
  readonly timestampDelta: number;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers: readonly WireHeader[];
}

export interface WireBatch {
  readonly baseOffset: number;
  readonly partitionLeaderEpoch: number;
  /** CompressionType id: 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd. */
  readonly compression: number;
  /** TimestampType: 0 CreateTime, 1 LogAppendTime. */
  readonly timestampType: number;
  readonly isTransactional: boolean;
  readonly isControl: boolean;
  readonly lastOffsetDelta: number;
  readonly baseTimestamp: number;
  readonly maxTimestamp: number;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly baseSequence: number;
  readonly records: readonly WireRecord[];
}
