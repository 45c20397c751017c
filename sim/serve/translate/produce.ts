// Produce and InitProducerId. Each partition's Records must hold exactly one v2 batch
// (ProduceRequest v3+; LogValidator answers INVALID_RECORD otherwise); a batch that does not
// parse or check (CRC, compression, magic) is answered for its partition with Kafka's error,
// while the other partitions of the request go to the broker as usual. acks=0 gets no response,
// as Kafka sends none.

import { wireErrorCode, type WireErrorName } from "../../../core/wire/error-codes.ts";
import { decodeRecordBatches } from "../../../core/wire/record-batch-codec.ts";
import { RecordBatchError } from "../../../core/wire/record-batch-error.ts";
import type { WireStruct } from "../../../core/wire/wire-value.ts";
import type { ProduceRequest } from "../../../core/protocol/messages.ts";
import { expectKind, structs, type TranslateContext, type Translation } from "./translation.ts";

type Sent = ProduceRequest["partitions"][number];

interface Slot {
  readonly topic: string;
  readonly partition: number;
  /** Set when the edge rejected the batch itself. */
  readonly error: WireErrorName | null;
}

function toBatch(topic: string, partition: number, records: Uint8Array | null, ctx: TranslateContext): { batch: Sent["batch"]; retry: boolean } | WireErrorName {
  if (records === null) return "INVALID_RECORD";
  try {
    const batches = decodeRecordBatches(records, ctx.gzip);
    if (batches.length !== 1) return "INVALID_RECORD";
    return ctx.batches.toSim(topic, partition, batches[0]!, records.length);
  } catch (e) {
    if (e instanceof RecordBatchError) return e.error;
    throw e;
  }
}

export function produce(body: WireStruct, ctx: TranslateContext): Translation {
  const slots: Slot[] = [];
  const sent: Sent[] = [];
  const fresh: Sent[] = [];
  for (const t of structs(body.TopicData)) {
    for (const p of structs(t.PartitionData)) {
      const topic = t.Name as string;
      const partition = p.Index as number;
      const b = toBatch(topic, partition, p.Records as Uint8Array | null, ctx);
      if (typeof b === "string") slots.push({ topic, partition, error: b });
      else {
        slots.push({ topic, partition, error: null });
        sent.push({ topic, partition, batch: b.batch });
        if (!b.retry) fresh.push({ topic, partition, batch: b.batch });
      }
    }
  }
  const acks = body.Acks as number;
  const req: ProduceRequest = { kind: "Produce", correlationId: ctx.correlationId, acks, timeoutMs: body.TimeoutMs as number, transactionalId: (body.TransactionalId as string | null) ?? null, partitions: sent };
  if (fresh.length > 0) ctx.produced.sent(ctx.clientId ?? "", { ...req, partitions: fresh });
  // acks=0: the client is told nothing, so its records stay unacknowledged in the history.
  return {
    message: sent.length === 0 ? null : req,
    noResponse: acks === 0,
    answer: (m) => {
      const res = m === null ? null : expectKind(m, "ProduceResponse");
      if (res !== null) ctx.produced.answered(req, res);
      const byTopic = new Map<string, WireStruct[]>();
      for (const s of slots) {
        const r = res?.partitions.find((x) => x.topic === s.topic && x.partition === s.partition);
        const error = s.error !== null ? wireErrorCode(s.error) : wireErrorCode(r?.error ?? "UNKNOWN_SERVER_ERROR");
        const list = byTopic.get(s.topic) ?? [];
        byTopic.set(s.topic, list);
        list.push({ Index: s.partition, ErrorCode: error, BaseOffset: r?.baseOffset ?? -1, LogAppendTimeMs: -1, LogStartOffset: r?.logStartOffset ?? -1 });
      }
      return { Responses: [...byTopic].map(([Name, PartitionResponses]) => ({ Name, PartitionResponses })), ThrottleTimeMs: 0 };
    },
  };
}

export function initProducerId(body: WireStruct, ctx: TranslateContext): Translation {
  return {
    message: {
      kind: "InitProducerId",
      correlationId: ctx.correlationId,
      transactionalId: (body.TransactionalId as string | null) ?? null,
      transactionTimeoutMs: body.TransactionTimeoutMs as number,
      producerId: body.ProducerId as number,
      producerEpoch: body.ProducerEpoch as number,
    },
    answer: (m) => {
      const res = expectKind(m, "InitProducerIdResponse");
      return { ThrottleTimeMs: 0, ErrorCode: wireErrorCode(res.error), ProducerId: res.producerId, ProducerEpoch: res.producerEpoch };
    },
  };
}
