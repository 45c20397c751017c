// ApiVersions, Metadata, DescribeCluster and FindCoordinator: the requests a client
// bootstraps with. The broker's metadata (its MetadataCache image) names broker ids; the edge
// adds where each listens (127.0.0.1, one port per broker), as a broker's advertised.listeners
// would. Topic ids are all zero: the simulator's topics have names only (Uuid.ZERO_UUID, as a
// broker without ids answers).

import { WIRE_APIS } from "../../../core/wire/api-table.ts";
import { wireErrorCode } from "../../../core/wire/error-codes.ts";
import type { WireStruct } from "../../../core/wire/wire-value.ts";
import { expectKind, HOST, structs, type TranslateContext, type Translation } from "./translation.ts";

export const ZERO_UUID = new Uint8Array(16);
export const CLUSTER_ID = "kafkasim";

/** ApiVersionsResponse.ApiKeys: what this edge advertises. */
export function apiKeys(): WireStruct[] {
  return WIRE_APIS.map((a) => ({ ApiKey: a.key, MinVersion: a.advertised.min, MaxVersion: a.advertised.max }));
}

export function apiVersions(ctx: TranslateContext): Translation {
  return {
    message: { kind: "ApiVersions", correlationId: ctx.correlationId },
    answer: () => ({ ErrorCode: 0, ApiKeys: apiKeys(), ThrottleTimeMs: 0 }),
  };
}

function brokersOf(ctx: TranslateContext, ids: readonly number[], racks: readonly string[] | undefined): WireStruct[] {
  return ids.map((id) => ({ NodeId: id, Host: HOST, Port: ctx.portOf(id), Rack: racks?.[id - 1] ?? null }));
}

export function metadata(body: WireStruct, ctx: TranslateContext): Translation {
  const requested = body.Topics === null ? null : structs(body.Topics).map((t) => t.Name).filter((n): n is string => typeof n === "string");
  // v0: an empty list means every topic (MetadataRequest.isAllTopics); v1+: null does.
  const topics = requested === null || (ctx.version === 0 && requested.length === 0) ? null : requested;
  return {
    // AllowAutoTopicCreation is v4+; before, a Metadata request always allows it (MetadataRequest.json's default).
    message: { kind: "Metadata", correlationId: ctx.correlationId, topics, allowAutoTopicCreation: body.AllowAutoTopicCreation !== false },
    answer: (m) => {
      const res = expectKind(m, "MetadataResponse");
      const alive = new Set(res.brokers);
      return {
        ThrottleTimeMs: 0,
        Brokers: brokersOf(ctx, res.brokers, res.brokerRacks),
        ClusterId: CLUSTER_ID,
        // KRaft brokers report a live broker as the controller (clients only need one to exist).
        ControllerId: res.brokers[0] ?? -1,
        Topics: res.topics.map((t) => ({
          ErrorCode: wireErrorCode(t.error),
          Name: t.name,
          TopicId: ZERO_UUID,
          IsInternal: t.name.startsWith("__"),
          Partitions: t.partitions.map((p) => ({
            ErrorCode: wireErrorCode(p.error),
            PartitionIndex: p.partition,
            LeaderId: p.leader,
            LeaderEpoch: p.leaderEpoch,
            ReplicaNodes: [...p.replicas],
            IsrNodes: [...p.isr],
            OfflineReplicas: p.replicas.filter((r) => !alive.has(r)),
          })),
        })),
      };
    },
  };
}

/** DescribeCluster (KIP-700): the same live brokers, from a Metadata request for no topics. */
export function describeCluster(ctx: TranslateContext): Translation {
  return {
    message: { kind: "Metadata", correlationId: ctx.correlationId, topics: [] },
    answer: (m) => {
      const res = expectKind(m, "MetadataResponse");
      return { ThrottleTimeMs: 0, ErrorCode: 0, ErrorMessage: null, EndpointType: 1, ClusterId: CLUSTER_ID, ControllerId: res.brokers[0] ?? -1, Brokers: brokersOf(ctx, res.brokers, res.brokerRacks).map(({ NodeId, ...rest }) => ({ BrokerId: NodeId, ...rest })) };
    },
  };
}

export function findCoordinator(body: WireStruct, ctx: TranslateContext): Translation {
  return {
    message: { kind: "FindCoordinator", correlationId: ctx.correlationId, key: body.Key as string, keyType: body.KeyType === 1 ? "transaction" : "group" },
    answer: (m) => {
      const res = expectKind(m, "FindCoordinatorResponse");
      const found = res.nodeId >= 0;
      return { ThrottleTimeMs: 0, ErrorCode: wireErrorCode(res.error), ErrorMessage: null, NodeId: res.nodeId, Host: found ? HOST : "", Port: found ? ctx.portOf(res.nodeId) : -1 };
    },
  };
}


