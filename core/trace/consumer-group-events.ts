// Trace events of a KIP-848 consumer group on its coordinator (GroupMetadataManager's
// consumerGroupHeartbeat path): members joining and leaving, epochs, target assignments and
// each member's reconciliation towards it.

export interface ConsumerGroupMemberJoined {
  readonly kind: "ConsumerGroupMemberJoined";
  readonly group: string;
  readonly member: string;
  readonly instance: string;
}

export interface ConsumerGroupStaticMemberReplaced {
  readonly kind: "ConsumerGroupStaticMemberReplaced";
  readonly group: string;
  readonly member: string;
  readonly previous: string;
  readonly instance: string;
  readonly epoch: number;
}

export interface ConsumerGroupEpochBumped {
  readonly kind: "ConsumerGroupEpochBumped";
  readonly group: string;
  readonly epoch: number;
  readonly members: number;
  readonly reason: string;
}

export interface ConsumerGroupTargetAssignment {
  readonly kind: "ConsumerGroupTargetAssignment";
  readonly group: string;
  readonly epoch: number;
  readonly assignor: string;
  /** "memberId:p,p,..." per member. */
  readonly members: readonly string[];
}

export interface ConsumerGroupMemberReconciled {
  readonly kind: "ConsumerGroupMemberReconciled";
  readonly group: string;
  readonly member: string;
  readonly epoch: number;
  readonly state: string;
  readonly assigned: readonly number[];
  readonly revoking: readonly number[];
}

export interface ConsumerGroupStable {
  readonly kind: "ConsumerGroupStable";
  readonly group: string;
  readonly epoch: number;
  readonly members: number;
}

/** A static member's leave keeps its slot (`static: true`, no reason); a dynamic one's says why. */
export interface ConsumerGroupMemberLeft {
  readonly kind: "ConsumerGroupMemberLeft";
  readonly group: string;
  readonly member: string;
  readonly static: boolean;
  readonly reason?: string;
}

export interface ConsumerGroupMemberFenced {
  readonly kind: "ConsumerGroupMemberFenced";
  readonly group: string;
  readonly member: string;
  readonly reason: string;
}

export type ConsumerGroupEvent =
  | ConsumerGroupMemberJoined
  | ConsumerGroupStaticMemberReplaced
  | ConsumerGroupEpochBumped
  | ConsumerGroupTargetAssignment
  | ConsumerGroupMemberReconciled
  | ConsumerGroupStable
  | ConsumerGroupMemberLeft
  | ConsumerGroupMemberFenced;
