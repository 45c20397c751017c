// The classic group protocol (JoinGroup, SyncGroup, Heartbeat, LeaveGroup) and offsets
// (OffsetCommit, OffsetFetch) of a real consumer. Subscriptions and assignments are decoded
// from their ConsumerProtocol bytes for the simulator's coordinator and handed back to real
// clients as the bytes they were sent in (group-bytes.ts). Only protocol type "consumer" is
// served. Simplified: commit metadata strings are not stored (OffsetFetch answers ""), an
// OffsetFetch for all partitions (null topics) answers none, and LeaveGroup v3+ leaves one
// member per request (the first), as consumers send it.

import type { PartitionList, Subscription } from "../../../core/protocol/group-messages.ts";
import { decodeAssignment, decodeSubscription, encodeAssignment, encodeSubscription, type TopicPartitions } from "../../../core/wire/consumer-protocol.ts";
import { wireErrorCode } from "../../../core/wire/error-codes.ts";
import { WireFormatError } from "../../../core/wire/wire-format-error.ts";
import type { WireStruct } from "../../../core/wire/wire-value.ts";
import { expectKind, grouped, structs, type TranslateContext, type Translation } from "./translation.ts";

const flat = (list: readonly TopicPartitions[]): PartitionList => list.flatMap((t) => t.partitions.map((partition) => ({ topic: t.topic, partition })));

function nested(list: PartitionList): TopicPartitions[] {
  const byTopic = new Map<string, number[]>();
  for (const tp of list) {
    const ps = byTopic.get(tp.topic) ?? [];
    byTopic.set(tp.topic, ps);
    ps.push(tp.partition);
  }
  return [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
}

function subscriptionOf(bytes: Uint8Array): Subscription | null {
  try {
    const s = decodeSubscription(bytes);
    return { topics: s.topics, ownedPartitions: flat(s.ownedPartitions), generationId: s.generationId, ...(s.rackId === null || s.rackId === "" ? {} : { rackId: s.rackId }) };
  } catch (e) {
    if (e instanceof WireFormatError) return null;
    throw e;
  }
}

const local = (answer: WireStruct): Translation => ({ message: null, answer: () => answer });

/** ProtocolName is nullable only from v7 (JoinGroupResponse.json); before, "" stands for none. */
const protocolName = (name: string | null, version: number, nullableFrom: number): string | null => (name === null && version < nullableFrom ? "" : name);

export function joinGroup(body: WireStruct, ctx: TranslateContext): Translation {
  const group = body.GroupId as string;
  const wire = structs(body.Protocols).map((p) => ({ name: p.Name as string, bytes: p.Metadata as Uint8Array }));
  const protocols = wire.map((p) => ({ name: p.name, metadata: subscriptionOf(p.bytes) }));
  if (body.ProtocolType !== "consumer" || protocols.some((p) => p.metadata === null)) {
    return local({ ErrorCode: wireErrorCode("INCONSISTENT_GROUP_PROTOCOL"), GenerationId: -1, ProtocolName: protocolName(null, ctx.version, 7), Leader: "", MemberId: body.MemberId as string, Members: [] });
  }
  const session = body.SessionTimeoutMs as number;
  const rebalance = body.RebalanceTimeoutMs as number;
  return {
    message: {
      kind: "JoinGroup",
      correlationId: ctx.correlationId,
      groupId: group,
      sessionTimeoutMs: session,
      // v0 has no rebalance timeout: the session timeout serves (JoinGroupRequest v0 semantics)
      rebalanceTimeoutMs: rebalance < 0 ? session : rebalance,
      memberId: body.MemberId as string,
      groupInstanceId: (body.GroupInstanceId as string | null) ?? null,
      protocolType: "consumer",
      protocols: protocols.map((p) => ({ name: p.name, metadata: p.metadata! })),
      reason: (body.Reason as string | null) ?? "",
    },
    answer: (m) => {
      const res = expectKind(m, "JoinGroupResponse");
      for (const p of wire) ctx.groupBytes.rememberSubscription(group, res.memberId, p.name, p.bytes);
      const chosen = res.protocolName ?? "";
      const subscribed = protocols.find((p) => p.name === chosen) ?? protocols[0];
      if (res.error === "NONE" && subscribed !== undefined) ctx.consumed.joined(group, res.memberId, subscribed.metadata!.topics);
      return {
        ThrottleTimeMs: 0,
        ErrorCode: wireErrorCode(res.error),
        GenerationId: res.generationId,
        ProtocolType: res.protocolName === null ? null : "consumer",
        ProtocolName: protocolName(res.protocolName, ctx.version, 7),
        Leader: res.leader,
        SkipAssignment: res.skipAssignment,
        MemberId: res.memberId,
        Members: res.members.map((mm) => ({
          MemberId: mm.memberId,
          GroupInstanceId: mm.groupInstanceId,
          Metadata: ctx.groupBytes.subscription(group, mm.memberId, chosen) ?? encodeSubscription({ version: 0, topics: mm.metadata.topics, userData: null, ownedPartitions: [], generationId: -1, rackId: null }),
        })),
      };
    },
  };
}

export function syncGroup(body: WireStruct, ctx: TranslateContext): Translation {
  const group = body.GroupId as string;
  const generation = body.GenerationId as number;
  const memberId = body.MemberId as string;
  const assignments: { memberId: string; partitions: PartitionList }[] = [];
  for (const a of structs(body.Assignments)) {
    const bytes = a.Assignment as Uint8Array;
    let partitions: PartitionList = [];
    try {
      partitions = bytes.length === 0 ? [] : flat(decodeAssignment(bytes).assigned);
    } catch (e) {
      if (!(e instanceof WireFormatError)) throw e;
      return local({ ErrorCode: wireErrorCode("INCONSISTENT_GROUP_PROTOCOL"), ProtocolType: null, ProtocolName: null, Assignment: new Uint8Array(0) });
    }
    ctx.groupBytes.rememberAssignment(group, generation, a.MemberId as string, bytes);
    assignments.push({ memberId: a.MemberId as string, partitions });
  }
  return {
    message: { kind: "SyncGroup", correlationId: ctx.correlationId, groupId: group, generationId: generation, memberId, groupInstanceId: (body.GroupInstanceId as string | null) ?? null, protocolName: (body.ProtocolName as string | null) ?? null, assignments },
    answer: (m) => {
      const res = expectKind(m, "SyncGroupResponse");
      if (res.error === "NONE") ctx.consumed.synced(group, memberId, generation, res.protocolName, res.assignment);
      const bytes = res.error !== "NONE" ? new Uint8Array(0) : (ctx.groupBytes.assignment(group, generation, memberId) ?? encodeAssignment({ version: 0, assigned: nested(res.assignment), userData: null }));
      return { ThrottleTimeMs: 0, ErrorCode: wireErrorCode(res.error), ProtocolType: res.protocolName === null ? null : "consumer", ProtocolName: res.protocolName, Assignment: bytes };
    },
  };
}

export function heartbeat(body: WireStruct, ctx: TranslateContext): Translation {
  return {
    message: { kind: "Heartbeat", correlationId: ctx.correlationId, groupId: body.GroupId as string, generationId: body.GenerationId as number, memberId: body.MemberId as string, groupInstanceId: (body.GroupInstanceId as string | null) ?? null },
    answer: (m) => ({ ThrottleTimeMs: 0, ErrorCode: wireErrorCode(expectKind(m, "HeartbeatResponse").error) }),
  };
}

export function leaveGroup(body: WireStruct, ctx: TranslateContext): Translation {
  const member = ctx.version >= 3 ? structs(body.Members)[0] : { MemberId: body.MemberId, GroupInstanceId: null, Reason: null };
  if (member === undefined) return local({ ThrottleTimeMs: 0, ErrorCode: wireErrorCode("INVALID_REQUEST"), Members: [] });
  return {
    message: { kind: "LeaveGroup", correlationId: ctx.correlationId, groupId: body.GroupId as string, memberId: member.MemberId as string, groupInstanceId: (member.GroupInstanceId as string | null) ?? null, reason: (member.Reason as string | null) ?? "" },
    answer: (m) => {
      const error = wireErrorCode(expectKind(m, "LeaveGroupResponse").error);
      return { ThrottleTimeMs: 0, ErrorCode: error, Members: [{ MemberId: member.MemberId, GroupInstanceId: member.GroupInstanceId ?? null, ErrorCode: error }] };
    },
  };
}

export function offsetCommit(body: WireStruct, ctx: TranslateContext): Translation {
  const offsets = structs(body.Topics).flatMap((t) => structs(t.Partitions).map((p) => ({ topic: t.Name as string, partition: p.PartitionIndex as number, offset: p.CommittedOffset as number })));
  const group = body.GroupId as string;
  const generation = body.GenerationIdOrMemberEpoch as number;
  const memberId = body.MemberId as string;
  return {
    message: { kind: "OffsetCommit", correlationId: ctx.correlationId, groupId: group, generationId: generation, memberId, groupInstanceId: (body.GroupInstanceId as string | null) ?? null, offsets },
    answer: (m) => {
      const res = expectKind(m, "OffsetCommitResponse");
      const accepted = offsets.filter((o) => res.partitions.some((p) => p.topic === o.topic && p.partition === o.partition && p.error === "NONE"));
      ctx.consumed.committed(ctx.clientId ?? "", group, memberId, generation, accepted);
      return { ThrottleTimeMs: 0, Topics: grouped(res.partitions, (p) => ({ PartitionIndex: p.partition, ErrorCode: wireErrorCode(p.error) }), "Name", "Partitions") };
    },
  };
}

export function offsetFetch(body: WireStruct, ctx: TranslateContext): Translation {
  const partitions = body.Topics === null ? [] : structs(body.Topics).flatMap((t) => (t.PartitionIndexes as number[]).map((partition) => ({ topic: t.Name as string, partition })));
  return {
    message: { kind: "OffsetFetch", correlationId: ctx.correlationId, groupId: body.GroupId as string, partitions },
    answer: (m) => {
      const res = expectKind(m, "OffsetFetchResponse");
      if (res.error === "NONE") for (const p of res.partitions) if (p.error === undefined || p.error === "NONE") ctx.consumed.offsetFetched(body.GroupId as string, p.topic, p.partition, p.offset);
      // Before v2 there is no top-level error: each partition carries the group's (OffsetFetchResponse v0-1).
      const error = wireErrorCode(res.error);
      const rows = grouped(res.partitions, (p) => ({ PartitionIndex: p.partition, CommittedOffset: p.offset, CommittedLeaderEpoch: -1, Metadata: "", ErrorCode: ctx.version < 2 ? error : 0 }), "Name", "Partitions");
      return { ThrottleTimeMs: 0, Topics: rows, ErrorCode: error };
    },
  };
}
