// Trace events of the group coordinator on a broker: loading and unloading __consumer_offsets
// partitions, and the classic protocol's group state machine (ClassicGroup).

export interface CoordinatorLoading {
  readonly kind: "CoordinatorLoading";
  readonly partition: number;
  readonly batches: number;
}

export interface CoordinatorLoaded {
  readonly kind: "CoordinatorLoaded";
  readonly partition: number;
  readonly groups: readonly string[];
}

export interface CoordinatorUnloaded {
  readonly kind: "CoordinatorUnloaded";
  readonly partition: number;
  readonly groups: readonly string[];
}

export interface GroupMemberAdded {
  readonly kind: "GroupMemberAdded";
  readonly group: string;
  readonly member: string;
  /** group.instance.id, "" for a dynamic member. */
  readonly instance: string;
  readonly reason: string;
}

export interface StaticMemberReplaced {
  readonly kind: "StaticMemberReplaced";
  readonly group: string;
  readonly instance: string;
  readonly oldMember: string;
  readonly member: string;
}

export interface GroupMemberExpired {
  readonly kind: "GroupMemberExpired";
  readonly group: string;
  readonly member: string;
  readonly instance: string;
  readonly sessionTimeoutMs: number;
}

export interface GroupMemberRemoved {
  readonly kind: "GroupMemberRemoved";
  readonly group: string;
  readonly member: string;
  readonly reason: string;
}

export interface GroupPreparingRebalance {
  readonly kind: "GroupPreparingRebalance";
  readonly group: string;
  readonly generation: number;
  readonly reason: string;
  readonly members: number;
}

export interface GroupGeneration {
  readonly kind: "GroupGeneration";
  readonly group: string;
  readonly generation: number;
  readonly protocol: string;
  readonly leader: string;
  readonly members: readonly string[];
}

export interface GroupStable {
  readonly kind: "GroupStable";
  readonly group: string;
  readonly generation: number;
  readonly members: number;
}

export interface GroupEmpty {
  readonly kind: "GroupEmpty";
  readonly group: string;
  readonly generation: number;
}

export type ClassicGroupEvent = GroupMemberAdded | StaticMemberReplaced | GroupMemberExpired | GroupMemberRemoved | GroupPreparingRebalance | GroupGeneration | GroupStable | GroupEmpty;

export type CoordinatorEvent = CoordinatorLoading | CoordinatorLoaded | CoordinatorUnloaded;
