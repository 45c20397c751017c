// Trace events of a consumer's group membership as the client sees it: finding the
// coordinator, joining (classic JoinGroup/SyncGroup or KIP-848 ConsumerGroupHeartbeat),
// assignments received, partitions revoked or lost, leaving.

export interface CoordinatorFound {
  readonly kind: "CoordinatorFound";
  readonly group: string;
  readonly coordinator: number;
}

export interface CoordinatorLost {
  readonly kind: "CoordinatorLost";
  readonly group: string;
  readonly coordinator: string;
  readonly reason: string;
}

export interface RejoinRequested {
  readonly kind: "RejoinRequested";
  readonly group: string;
  readonly member: string;
  readonly reason: string;
}

export interface JoinGroupSent {
  readonly kind: "JoinGroupSent";
  readonly group: string;
  readonly member: string;
  readonly generation: number;
  readonly reason: string;
}

/** The group leader ran the client-side assignor. */
export interface AssignmentComputed {
  readonly kind: "AssignmentComputed";
  readonly group: string;
  readonly generation: number;
  readonly strategy: string;
  readonly members: number;
}

/** The member's new assignment; `added` only under the consumer protocol (KIP-848). */
export interface AssignmentReceived {
  readonly kind: "AssignmentReceived";
  readonly group: string;
  readonly member: string;
  readonly generation: number;
  readonly partitions: readonly number[];
  readonly revoked: readonly number[];
  readonly added?: readonly number[];
}

export interface PartitionsRevoked {
  readonly kind: "PartitionsRevoked";
  readonly group: string;
  readonly member: string;
  readonly partitions: readonly number[];
  readonly protocol: "eager" | "consumer";
}

export interface PartitionsLost {
  readonly kind: "PartitionsLost";
  readonly group: string;
  readonly partitions: readonly number[];
  readonly reason: string;
}

/** max.poll.interval.ms passed without a poll: the member leaves the group. */
export interface PollTimeoutExpired {
  readonly kind: "PollTimeoutExpired";
  readonly group: string;
  readonly member: string;
  readonly sincePollMs: number;
}

/** `sent` is false for a static member, which does not send LeaveGroup (KIP-345); `epoch` under KIP-848. */
export interface LeaveGroup {
  readonly kind: "LeaveGroup";
  readonly group: string;
  readonly member: string;
  readonly reason: string;
  readonly sent: boolean;
  readonly epoch?: number;
}

export interface ConsumerGroupHeartbeatJoin {
  readonly kind: "ConsumerGroupHeartbeatJoin";
  readonly group: string;
  readonly member: string;
  readonly reason: string;
}

export interface ConsumerGroupJoined {
  readonly kind: "ConsumerGroupJoined";
  readonly group: string;
  readonly member: string;
  readonly epoch: number;
}

export interface ConsumerGroupMemberFencedClient {
  readonly kind: "ConsumerGroupMemberFencedClient";
  readonly group: string;
  readonly member: string;
  readonly epoch: number;
  readonly error: string;
}

export type MembershipEvent =
  | CoordinatorFound
  | CoordinatorLost
  | RejoinRequested
  | JoinGroupSent
  | AssignmentComputed
  | AssignmentReceived
  | PartitionsRevoked
  | PartitionsLost
  | PollTimeoutExpired
  | LeaveGroup
  | ConsumerGroupHeartbeatJoin
  | ConsumerGroupJoined
  | ConsumerGroupMemberFencedClient;
