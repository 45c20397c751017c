// What the classic group protocol needs from the GroupCoordinator that hosts it (time,
// the network, timers, the offsets partition's log), and the responses it sends back:
// every parked JoinGroup and SyncGroup is answered through GroupReplies.

import type { ClassicGroupEvent } from "../trace/index.ts";
import type { NodeId, TimerHandle } from "../env.ts";
import { Errors, type ErrorCode } from "../protocol/errors.ts";
import type { GroupMetadataRecord } from "../protocol/coordinator-records.ts";
import type { JoinGroupResponse, PartitionList } from "../protocol/group-messages.ts";
import type { KafkaMessage } from "../protocol/messages.ts";
import type { ClassicGroup, ClassicGroupMember } from "./classic-group.ts";

export interface ClassicGroupHost {
  now(): number;
  send(to: NodeId, msg: KafkaMessage): void;
  schedule(delayUs: number, fn: () => void): TimerHandle;
  cancel(timer: TimerHandle): void;
  /** Appends the record to the group's offsets partition; `done` once committed or failed. */
  write(record: GroupMetadataRecord, done: (error: ErrorCode) => void): void;
  newMemberId(clientNode: NodeId): string;
  emit(event: ClassicGroupEvent): void;
  readonly initialRebalanceDelayMs: number;
  readonly minSessionTimeoutMs: number;
  readonly maxSessionTimeoutMs: number;
  readonly maxSize: number;
}

export class GroupReplies {
  constructor(private readonly host: ClassicGroupHost) {}

  /** A JoinGroupResponse for the group's current generation (members only for the leader). */
  currentGeneration(group: ClassicGroup, m: ClassicGroupMember, to: NodeId, correlationId: number, skipAssignment: boolean): void {
    const isLeader = group.isLeader(m.memberId);
    const msg: JoinGroupResponse = {
      kind: "JoinGroupResponse",
      correlationId,
      error: Errors.NONE,
      generationId: group.generationId,
      protocolName: group.protocolName,
      leader: group.leaderId ?? "",
      skipAssignment,
      memberId: m.memberId,
      members: isLeader ? [...group.members.values()].map((x) => ({ memberId: x.memberId, groupInstanceId: x.groupInstanceId, metadata: group.metadataOf(x) })) : [],
    };
    this.host.send(to, msg);
  }

  join(to: NodeId, correlationId: number, error: ErrorCode, memberId: string): void {
    this.host.send(to, { kind: "JoinGroupResponse", correlationId, error, generationId: -1, protocolName: null, leader: "", skipAssignment: false, memberId, members: [] });
  }

  sync(to: NodeId, correlationId: number, error: ErrorCode, protocolName: string | null, assignment: PartitionList): void {
    this.host.send(to, { kind: "SyncGroupResponse", correlationId, error, protocolName, assignment });
  }
}
