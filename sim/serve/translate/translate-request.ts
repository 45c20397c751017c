// Picks the translation of each API the edge advertises (core/wire/api-table.ts).

import { ApiKey } from "../../../core/wire/api-table.ts";
import type { WireStruct } from "../../../core/wire/wire-value.ts";
import { createTopics } from "./create-topics.ts";
import { fetch, listOffsets } from "./fetch.ts";
import { heartbeat, joinGroup, leaveGroup, offsetCommit, offsetFetch, syncGroup } from "./group.ts";
import { apiVersions, describeCluster, findCoordinator, metadata } from "./metadata.ts";
import { initProducerId, produce } from "./produce.ts";
import type { TranslateContext, Translation } from "./translation.ts";

export function translateRequest(apiKey: number, body: WireStruct, ctx: TranslateContext): Translation {
  switch (apiKey) {
    case ApiKey.API_VERSIONS: return apiVersions(ctx);
    case ApiKey.METADATA: return metadata(body, ctx);
    case ApiKey.DESCRIBE_CLUSTER: return describeCluster(ctx);
    case ApiKey.FIND_COORDINATOR: return findCoordinator(body, ctx);
    case ApiKey.PRODUCE: return produce(body, ctx);
    case ApiKey.INIT_PRODUCER_ID: return initProducerId(body, ctx);
    case ApiKey.FETCH: return fetch(body, ctx);
    case ApiKey.LIST_OFFSETS: return listOffsets(body, ctx);
    case ApiKey.JOIN_GROUP: return joinGroup(body, ctx);
    case ApiKey.SYNC_GROUP: return syncGroup(body, ctx);
    case ApiKey.HEARTBEAT: return heartbeat(body, ctx);
    case ApiKey.LEAVE_GROUP: return leaveGroup(body, ctx);
    case ApiKey.OFFSET_COMMIT: return offsetCommit(body, ctx);
    case ApiKey.OFFSET_FETCH: return offsetFetch(body, ctx);
    case ApiKey.CREATE_TOPICS: return createTopics(body, ctx);
    default: throw new Error(`api key ${apiKey} is advertised but has no translation`);
  }
}
