// The consumer protocol's embedded formats (org.apache.kafka.clients.consumer.internals.
// ConsumerProtocol): a JoinGroup protocol's metadata is an int16 version and a
// ConsumerProtocolSubscription at that version; a SyncGroup assignment is an int16 version and a
// ConsumerProtocolAssignment. A version newer than the spec's is read at the newest the spec
// knows, as ConsumerProtocol.deserializeSubscription does (later fields are appended only).

import { ByteReader } from "./byte-reader.ts";
import { ByteWriter } from "./byte-writer.ts";
import { parseVersions, type MessageSpec } from "./message-spec.ts";
import { ConsumerProtocolAssignment } from "./specs/consumer-protocol-assignment.ts";
import { ConsumerProtocolSubscription } from "./specs/consumer-protocol-subscription.ts";
import { contextFor, readStruct, writeStruct } from "./struct-codec.ts";
import type { WireStruct } from "./wire-value.ts";

export interface TopicPartitions {
  readonly topic: string;
  readonly partitions: readonly number[];
}

export interface ConsumerSubscription {
  readonly version: number;
  readonly topics: readonly string[];
  readonly userData: Uint8Array | null;
  readonly ownedPartitions: readonly TopicPartitions[];
  readonly generationId: number;
  readonly rackId: string | null;
}

export interface ConsumerAssignment {
  readonly version: number;
  readonly assigned: readonly TopicPartitions[];
  readonly userData: Uint8Array | null;
}

function read(spec: MessageSpec, bytes: Uint8Array): { version: number; data: WireStruct } {
  const r = new ByteReader(bytes);
  const version = r.int16();
  const at = Math.min(Math.max(version, 0), parseVersions(spec.validVersions).max);
  return { version, data: readStruct(r, contextFor(spec, at), spec.fields) };
}

function write(spec: MessageSpec, version: number, data: WireStruct): Uint8Array {
  const w = new ByteWriter().int16(version);
  writeStruct(w, contextFor(spec, Math.min(version, parseVersions(spec.validVersions).max)), spec.fields, data);
  return w.finish();
}

const partitionsOf = (v: unknown): TopicPartitions[] =>
  ((v as WireStruct[] | null) ?? []).map((t) => ({ topic: t.Topic as string, partitions: [...(t.Partitions as number[])] }));
const wirePartitions = (list: readonly TopicPartitions[]): WireStruct[] => list.map((t) => ({ Topic: t.topic, Partitions: [...t.partitions] }));

export function decodeSubscription(bytes: Uint8Array): ConsumerSubscription {
  const { version, data } = read(ConsumerProtocolSubscription, bytes);
  return {
    version,
    topics: [...(data.Topics as string[])],
    userData: data.UserData as Uint8Array | null,
    ownedPartitions: partitionsOf(data.OwnedPartitions),
    generationId: data.GenerationId as number,
    rackId: data.RackId as string | null,
  };
}

export function encodeSubscription(s: ConsumerSubscription): Uint8Array {
  return write(ConsumerProtocolSubscription, s.version, { Topics: [...s.topics], UserData: s.userData, OwnedPartitions: wirePartitions(s.ownedPartitions), GenerationId: s.generationId, RackId: s.rackId });
}

export function decodeAssignment(bytes: Uint8Array): ConsumerAssignment {
  const { version, data } = read(ConsumerProtocolAssignment, bytes);
  return { version, assigned: partitionsOf(data.AssignedPartitions), userData: data.UserData as Uint8Array | null };
}

export function encodeAssignment(a: ConsumerAssignment): Uint8Array {
  return write(ConsumerProtocolAssignment, a.version, { AssignedPartitions: wirePartitions(a.assigned), UserData: a.userData });
}
