// A record batch the broker rejects for the partition it targets, with the error Kafka answers
// (LogValidator / DefaultRecordBatch.ensureValid): CORRUPT_MESSAGE for a bad CRC or framing,
// UNSUPPORTED_COMPRESSION_TYPE for a codec this edge cannot read, INVALID_RECORD for a batch
// that parses but breaks a rule (magic, record count).

import type { WireErrorName } from "./error-codes.ts";

export class RecordBatchError extends Error {
  override readonly name = "RecordBatchError";
  constructor(readonly error: WireErrorName, message: string) {
    super(message);
  }
}
