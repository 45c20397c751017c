// CreateTopics (v0-7): the broker forwards it to the active controller (core/broker/topic-creation.ts,
// core/controller/create-topics.ts) and relays the answer. Simplified: a created topic's
// response lists no configs (Kafka lists its effective configs from v5), and its TopicId (v7) is
// zero, the simulator's topics having names only.

import { Errors } from "../../../core/protocol/errors.ts";
import { wireErrorCode } from "../../../core/wire/error-codes.ts";
import type { WireStruct } from "../../../core/wire/wire-value.ts";
import { ZERO_UUID } from "./metadata.ts";
import { expectKind, structs, type TranslateContext, type Translation } from "./translation.ts";

export function createTopics(body: WireStruct, ctx: TranslateContext): Translation {
  const topics = structs(body.Topics).map((t) => ({
    name: t.Name as string,
    numPartitions: t.NumPartitions as number,
    replicationFactor: t.ReplicationFactor as number,
    assignments: structs(t.Assignments).map((a) => ({ partitionIndex: a.PartitionIndex as number, brokerIds: [...(a.BrokerIds as number[])] })),
    configs: structs(t.Configs).map((c) => ({ name: c.Name as string, value: (c.Value as string | null) ?? null })),
  }));
  return {
    message: { kind: "CreateTopics", correlationId: ctx.correlationId, topics, timeoutMs: body.timeoutMs as number, validateOnly: body.validateOnly === true },
    answer: (m) => {
      const res = expectKind(m, "CreateTopicsResponse");
      return {
        ThrottleTimeMs: 0,
        Topics: res.topics.map((t) => ({
          Name: t.name,
          TopicId: ZERO_UUID,
          ErrorCode: wireErrorCode(t.error),
          ErrorMessage: t.errorMessage,
          NumPartitions: t.numPartitions,
          ReplicationFactor: t.replicationFactor,
          Configs: t.error === Errors.NONE ? [] : null,
        })),
      };
    },
  };
}
