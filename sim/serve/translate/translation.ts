// What a real client's decoded request becomes in the simulator: the request the connection's
// broker gets (in the simulator's own message types, core/protocol), and how to turn the
// broker's answer back into the wire response body. Requests the edge can answer without the
// broker (a Produce whose every batch is malformed) carry no message.

import type { PartitionList } from "../../../core/protocol/group-messages.ts";
import type { AbortedTransaction, KafkaMessage, ProduceRequest, ProduceResponse } from "../../../core/protocol/messages.ts";
import type { RecordBatch } from "../../../core/protocol/records.ts";
import type { GzipCodec } from "../../../core/wire/gzip-codec.ts";
import type { WireStruct } from "../../../core/wire/wire-value.ts";
import type { ProducedBatches } from "../produced-batch.ts";
import type { GroupBytes } from "./group-bytes.ts";

export interface Translation {
  /** Sent to the connection's broker; null when the edge answers alone. */
  readonly message: KafkaMessage | null;
  /** The wire body from the broker's answer (null when `message` is null). */
  readonly answer: (response: KafkaMessage | null) => WireStruct;
  /** Produce with acks=0: Kafka sends no response at all. */
  readonly noResponse?: boolean;
}

/** What translations need from the edge around them. */
export interface TranslateContext {
  /** The simulator correlation id of the request being translated. */
  readonly correlationId: number;
  readonly version: number;
  /** The request header's client.id (null when the client sent none). */
  readonly clientId: string | null;
  /** The port a broker listens on (127.0.0.1). */
  readonly portOf: (brokerId: number) => number;
  readonly batches: ProducedBatches;
  readonly gzip: GzipCodec;
  readonly groupBytes: GroupBytes;
  /** Records what real clients produced and what they were told, for the verdict. */
  readonly produced: ProduceLedger;
  /** Records what real consumers fetched, committed and were assigned, for the verdict. */
  readonly consumed: ConsumeLedger;
}

/** The history of real clients' produces (real-client-history.ts keeps it in the run's History). */
export interface ProduceLedger {
  sent(client: string, req: ProduceRequest): void;
  answered(req: ProduceRequest, res: ProduceResponse | null): void;
}

/** The history of real consumers (real-consumer-history.ts keeps it in the run's ConsumerHistory). */
export interface ConsumeLedger {
  fetched(client: string, topic: string, partition: number, fetchOffset: number, batches: readonly RecordBatch[], highWatermark: number, aborted: readonly AbortedTransaction[] | null): void;
  joined(group: string, member: string, topics: readonly string[]): void;
  synced(group: string, member: string, generation: number, protocol: string | null, assignment: PartitionList): void;
  offsetFetched(group: string, topic: string, partition: number, offset: number): void;
  /** Offsets the coordinator accepted (error NONE), committed from `client`. */
  committed(client: string, group: string, member: string, generation: number, offsets: readonly { topic: string; partition: number; offset: number }[]): void;
}

export const HOST = "127.0.0.1";

/** The answer's kind, checked: the broker answers a request with its response kind. */
export function expectKind<K extends KafkaMessage["kind"]>(m: KafkaMessage | null, kind: K): KafkaMessage & { kind: K } {
  if (m === null || m.kind !== kind) throw new Error(`expected ${kind}, got ${m === null ? "nothing" : m.kind}`);
  return m as KafkaMessage & { kind: K };
}

export type Structs = readonly WireStruct[];
export const structs = (v: unknown): Structs => (Array.isArray(v) ? (v as Structs) : []);

/** Rows of one topic after another, in first-seen order: `[{ [topicField]: name, [partitionsField]: rows }]`. */
export function grouped<T extends { topic: string }>(items: readonly T[], each: (item: T) => WireStruct, topicField: string, partitionsField: string): WireStruct[] {
  const byTopic = new Map<string, WireStruct[]>();
  for (const item of items) {
    const list = byTopic.get(item.topic) ?? [];
    byTopic.set(item.topic, list);
    list.push(each(item));
  }
  return [...byTopic].map(([topic, partitions]) => ({ [topicField]: topic, [partitionsField]: partitions }));
}
