// The member order every Kafka assignor starts from: AbstractPartitionAssignor.MemberInfo.compareTo.
// Static members (group.instance.id, KIP-345) sort first by instance id, so a restarted static
// member with a new member.id keeps its place and its partitions; dynamic members follow by
// member.id. Source: clients/.../consumer/internals/AbstractPartitionAssignor.java.

import { javaCompare } from "./topic-partition.ts";

export interface MemberInfo {
  readonly memberId: string;
  readonly groupInstanceId: string | undefined;
}

export function compareMemberInfo(a: MemberInfo, b: MemberInfo): number {
  if (a.groupInstanceId !== undefined && b.groupInstanceId !== undefined) {
    return javaCompare(a.groupInstanceId, b.groupInstanceId);
  }
  if (a.groupInstanceId !== undefined) return -1;
  if (b.groupInstanceId !== undefined) return 1;
  return javaCompare(a.memberId, b.memberId);
}

/** `Utils.sorted(memberInfos)`: a stable sort, like Collections.sort. */
export function sortMembers<T extends MemberInfo>(members: Iterable<T>): T[] {
  return [...members].sort(compareMemberInfo);
}
