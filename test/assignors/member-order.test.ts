// Ports of AbstractPartitionAssignorTest's MemberInfo sorting cases
// (clients/src/test/java/org/apache/kafka/clients/consumer/internals/AbstractPartitionAssignorTest.java).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sortMembers, type MemberInfo } from "../../core/assignors/member-order.ts";

const m = (memberId: string, groupInstanceId?: string): MemberInfo => ({ memberId, groupInstanceId });

describe("MemberInfo order", () => {
  it("testMemberInfoSortingWithoutGroupInstanceId", () => {
    const list = [m("a"), m("b"), m("c")];
    expect(sortMembers(list)).toEqual(list);
  });

  it("testMemberInfoSortingWithAllGroupInstanceId", () => {
    const [m1, m2, m3] = [m("a", "y"), m("b", "z"), m("c", "x")];
    expect(sortMembers([m1, m2, m3])).toEqual([m3, m1, m2]);
  });

  it("testMemberInfoSortingSomeGroupInstanceId", () => {
    const [m1, m2, m3] = [m("a"), m("b", "y"), m("c", "x")];
    expect(sortMembers([m1, m2, m3])).toEqual([m3, m2, m1]);
  });

  it("testMergeSortManyMemberInfo: static members (by instance id) first, then dynamic", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 100, maxLength: 100 }), fc.integer(), (isStatic, seed) => {
        const infos = isStatic.map((s, i) => m(String(i + 100), s ? String(i + 100) : undefined));
        const expected = [...infos.filter((x) => x.groupInstanceId !== undefined), ...infos.filter((x) => x.groupInstanceId === undefined)];
        const shuffled = [...infos].sort((a, b) => ((Number(a.memberId) * 2654435761) ^ seed) - ((Number(b.memberId) * 2654435761) ^ seed));
        expect(sortMembers(shuffled)).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });

  it("compares ids by UTF-16 code units like String.compareTo, not by locale", () => {
    expect(sortMembers([m("b"), m("B"), m("a"), m("Z")]).map((x) => x.memberId)).toEqual(["B", "Z", "a", "b"]);
  });
});
