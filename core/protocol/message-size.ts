// Bytes a message takes on the wire: a request/response header plus the record batches it
// carries. The network uses it for serialization time at the NIC's bandwidth; small
// control messages are dominated by latency, batches by bandwidth.

import type { KafkaMessage } from "./messages.ts";

const HEADER_BYTES = 64;
const PER_PARTITION_BYTES = 32;
const ABORTED_TRANSACTION_BYTES = 16;

export function messageSize(msg: KafkaMessage): number {
  switch (msg.kind) {
    case "Produce": {
      let n = HEADER_BYTES;
      for (const p of msg.partitions) n += PER_PARTITION_BYTES + p.batch.sizeBytes;
      return n;
    }
    case "FetchResponse": {
      let n = HEADER_BYTES;
      for (const p of msg.partitions) {
        n += PER_PARTITION_BYTES;
        for (const b of p.batches) n += b.sizeBytes;
        // READ_COMMITTED: each AbortedTransaction is a producer id and a first offset (two int64s).
        if (p.abortedTransactions !== null) n += ABORTED_TRANSACTION_BYTES * p.abortedTransactions.length;
      }
      return n;
    }
    case "Fetch":
    case "ProduceResponse":
    case "AlterPartition":
    case "AlterPartitionResponse":
    case "MetadataResponse":
      return HEADER_BYTES + PER_PARTITION_BYTES * ("partitions" in msg ? msg.partitions.length : 1);
    case "MetadataFetchResponse":
      return HEADER_BYTES + 64 * msg.records.length;
    default:
      return HEADER_BYTES;
  }
}
