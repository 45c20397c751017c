// The APIs `kafkasim serve` speaks, with their vendored specs and the version range it
// advertises in ApiVersions. Clients take min(their max, this max) per API
// (librdkafka's rd_kafka_ApiVersions_negotiate, kafkajs's versions lookup), so the ranges
// cap what must be implemented: Produce from v3 and Fetch from v4 (v2 record batches only,
// no magic 0/1 message sets), Fetch to v12 (v13+ names topics by id, which the simulator has
// not), FindCoordinator to v3 and OffsetFetch to v7 (before KIP-699's and KIP-709's batched
// forms), InitProducerId to v4 (v5 is KIP-890's transactions v2), CreateTopics all of 0-7.

import type { MessageSpec, Versions } from "./message-spec.ts";
import { ApiVersionsRequest } from "./specs/api-versions-request.ts";
import { ApiVersionsResponse } from "./specs/api-versions-response.ts";
import { CreateTopicsRequest } from "./specs/create-topics-request.ts";
import { CreateTopicsResponse } from "./specs/create-topics-response.ts";
import { DescribeClusterRequest } from "./specs/describe-cluster-request.ts";
import { DescribeClusterResponse } from "./specs/describe-cluster-response.ts";
import { FetchRequest } from "./specs/fetch-request.ts";
import { FetchResponse } from "./specs/fetch-response.ts";
import { FindCoordinatorRequest } from "./specs/find-coordinator-request.ts";
import { FindCoordinatorResponse } from "./specs/find-coordinator-response.ts";
import { HeartbeatRequest } from "./specs/heartbeat-request.ts";
import { HeartbeatResponse } from "./specs/heartbeat-response.ts";
import { InitProducerIdRequest } from "./specs/init-producer-id-request.ts";
import { InitProducerIdResponse } from "./specs/init-producer-id-response.ts";
import { JoinGroupRequest } from "./specs/join-group-request.ts";
import { JoinGroupResponse } from "./specs/join-group-response.ts";
import { LeaveGroupRequest } from "./specs/leave-group-request.ts";
import { LeaveGroupResponse } from "./specs/leave-group-response.ts";
import { ListOffsetsRequest } from "./specs/list-offsets-request.ts";
import { ListOffsetsResponse } from "./specs/list-offsets-response.ts";
import { MetadataRequest } from "./specs/metadata-request.ts";
import { MetadataResponse } from "./specs/metadata-response.ts";
import { OffsetCommitRequest } from "./specs/offset-commit-request.ts";
import { OffsetCommitResponse } from "./specs/offset-commit-response.ts";
import { OffsetFetchRequest } from "./specs/offset-fetch-request.ts";
import { OffsetFetchResponse } from "./specs/offset-fetch-response.ts";
import { ProduceRequest } from "./specs/produce-request.ts";
import { ProduceResponse } from "./specs/produce-response.ts";
import { SyncGroupRequest } from "./specs/sync-group-request.ts";
import { SyncGroupResponse } from "./specs/sync-group-response.ts";

export interface WireApi {
  readonly key: number;
  readonly name: string;
  readonly request: MessageSpec;
  readonly response: MessageSpec;
  readonly advertised: Versions;
}

/** ApiKeys ids (org.apache.kafka.common.protocol.ApiKeys). */
export const ApiKey = {
  PRODUCE: 0, FETCH: 1, LIST_OFFSETS: 2, METADATA: 3, OFFSET_COMMIT: 8, OFFSET_FETCH: 9,
  FIND_COORDINATOR: 10, JOIN_GROUP: 11, HEARTBEAT: 12, LEAVE_GROUP: 13, SYNC_GROUP: 14,
  API_VERSIONS: 18, CREATE_TOPICS: 19, INIT_PRODUCER_ID: 22, DESCRIBE_CLUSTER: 60,
} as const;

const api = (request: MessageSpec, response: MessageSpec, min: number, max: number): WireApi => ({
  key: request.apiKey!, name: request.name.replace(/Request$/, ""), request, response, advertised: { min, max },
});

/** In ApiKeys order, as ApiVersionsResponse lists them. */
export const WIRE_APIS: readonly WireApi[] = [
  api(ProduceRequest, ProduceResponse, 3, 11),
  api(FetchRequest, FetchResponse, 4, 12),
  api(ListOffsetsRequest, ListOffsetsResponse, 1, 8),
  api(MetadataRequest, MetadataResponse, 0, 12),
  api(OffsetCommitRequest, OffsetCommitResponse, 0, 8),
  api(OffsetFetchRequest, OffsetFetchResponse, 0, 7),
  api(FindCoordinatorRequest, FindCoordinatorResponse, 0, 3),
  api(JoinGroupRequest, JoinGroupResponse, 0, 9),
  api(HeartbeatRequest, HeartbeatResponse, 0, 4),
  api(LeaveGroupRequest, LeaveGroupResponse, 0, 5),
  api(SyncGroupRequest, SyncGroupResponse, 0, 5),
  api(ApiVersionsRequest, ApiVersionsResponse, 0, 3),
  api(CreateTopicsRequest, CreateTopicsResponse, 0, 7),
  api(InitProducerIdRequest, InitProducerIdResponse, 0, 4),
  api(DescribeClusterRequest, DescribeClusterResponse, 0, 1),
];

const BY_KEY = new Map(WIRE_APIS.map((a) => [a.key, a]));

export function wireApi(key: number): WireApi | undefined {
  return BY_KEY.get(key);
}

export function isAdvertised(key: number, version: number): boolean {
  const a = BY_KEY.get(key);
  return a !== undefined && version >= a.advertised.min && version <= a.advertised.max;
}
