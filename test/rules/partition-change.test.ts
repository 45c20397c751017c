// buildPartitionChange against Kafka's PartitionChangeBuilderTest
// (metadata/src/test/java/org/apache/kafka/controller/PartitionChangeBuilderTest.java), ELR off
// (PartitionChangeRecord version 0). Kafka's isAcceptableLeader predicate becomes a
// MetadataImage whose brokers are registered, unfenced, fenced or in controlled shutdown by
// replaying metadata records, as the controller's image is built. Each case states the
// registration after the change is replayed: leader, ISR, and whether the election was unclean.
// Reassignment (target replicas, adding/removing) and leader recovery state are not modelled.

import { describe, expect, it } from "vitest";
import { buildPartitionChange, type ElectionType, type PartitionChange } from "../../core/controller/partition-change.ts";
import { MetadataImage, type PartitionState } from "../../core/metadata/metadata-image.ts";
import { NO_LEADER, type MetadataRecord } from "../../core/protocol/metadata-records.ts";

type BrokerStatus = "unfenced" | "fenced" | "shutdown" | "unregistered";
type WithoutOffset<R> = R extends unknown ? Omit<R, "offset"> : never;
type NewRecord = WithoutOffset<MetadataRecord>;

function replay(image: MetadataImage, records: readonly NewRecord[]): void {
  for (const r of records) image.apply({ ...r, offset: image.nextOffset } as MetadataRecord);
}

/** An image with brokers in the given states and one partition "t-0". */
function imageWith(brokers: Record<number, BrokerStatus>, p: { replicas: number[]; isr: number[]; leader: number }): MetadataImage {
  const image = new MetadataImage();
  for (const [key, status] of Object.entries(brokers)) {
    const brokerId = Number(key);
    if (status === "unregistered") continue;
    replay(image, [{ type: "RegisterBroker", brokerId, brokerEpoch: 10 + brokerId, incarnationId: brokerId }]); // registers fenced
    if (status === "fenced") continue;
    const inControlledShutdown = status === "shutdown" ? true : null;
    replay(image, [{ type: "BrokerRegistrationChange", brokerId, brokerEpoch: 10 + brokerId, fenced: false, inControlledShutdown }]);
  }
  replay(image, [
    { type: "Topic", name: "t" },
    { type: "Partition", topic: "t", partition: 0, replicas: p.replicas, isr: p.isr, leader: p.leader, leaderEpoch: 100, partitionEpoch: 200 },
  ]);
  return image;
}

function partition(image: MetadataImage): PartitionState {
  return image.partition("t", 0)!;
}

interface Outcome {
  leader: number;
  isr: number[];
  unclean: boolean;
}

/** Builds the change, replays it, and reports the registration it leads to. */
function elect(image: MetadataImage, targetIsr: number[], election: ElectionType): { change: PartitionChange | null; after: Outcome } {
  const change = buildPartitionChange(image, partition(image), targetIsr, election, "test");
  if (change !== null) replay(image, [{ type: "PartitionChange", topic: "t", partition: 0, isr: change.isr, leader: change.leader, reason: change.reason }]);
  expect(change === null || (change.elr === null && change.lastKnownElr === null)).toBe(true); // ELR off: never written
  const p = partition(image);
  return { change, after: { leader: p.leader, isr: [...p.isr], unclean: change?.reason.endsWith("unclean") ?? false } };
}

// PartitionChangeBuilderTest's fixtures; FOO's and OFFLINE's predicates r != 3 and r == 1
// become broker states.
const FOO = () => imageWith({ 1: "unfenced", 2: "unfenced", 3: "fenced" }, { replicas: [2, 1, 3], isr: [2, 1, 3], leader: 1 });
const BAZ = () => imageWith({ 1: "unfenced", 2: "unfenced", 3: "unfenced" }, { replicas: [2, 1, 3], isr: [1, 3], leader: 3 });
const OFFLINE = () => imageWith({ 1: "unfenced", 2: "fenced", 3: "fenced" }, { replicas: [2, 1, 3], isr: [3], leader: NO_LEADER });

describe("buildPartitionChange: leader election (testElectLeader)", () => {
  // [fixture, target ISR ([] = current), election, leader, ISR after, unclean]
  const cases: Array<[string, () => MetadataImage, number[], ElectionType, number, number[], boolean]> = [
    ["FOO", FOO, [], "preferred", 2, [2, 1, 3], false],
    ["FOO", FOO, [], "online", 1, [2, 1, 3], false],
    ["FOO", FOO, [], "unclean", 1, [2, 1, 3], false],
    ["FOO", FOO, [1, 3], "online", 1, [1, 3], false],
    ["FOO", FOO, [1, 3], "unclean", 1, [1, 3], false],
    ["FOO", FOO, [3], "online", NO_LEADER, [3], false],
    ["FOO", FOO, [3], "unclean", 2, [2], true],
    ["BAZ", BAZ, [], "preferred", 3, [1, 3], false],
    ["BAZ", BAZ, [], "online", 3, [1, 3], false],
    ["BAZ", BAZ, [], "unclean", 3, [1, 3], false],
  ];

  it.each(cases)("%s: buildPartitionChange(target %j, %s) elects %i, ISR %j, unclean %s", (_name, fixture, target, election, leader, isr, unclean) => {
    const image = fixture();
    const { after } = elect(image, target.length > 0 ? target : [...partition(image).isr], election);
    expect(after).toEqual({ leader, isr, unclean });
  });
});

describe("buildPartitionChange: records", () => {
  it("returns null when nothing changes (testNoChange)", () => {
    expect(elect(FOO(), [2, 1, 3], "online").change).toBeNull();
    expect(elect(FOO(), [2, 1, 3], "unclean").change).toBeNull();
    expect(elect(BAZ(), [1, 3], "preferred").change).toBeNull();
  });

  it("an ISR-only change leaves the leader (and leader epoch) alone (testIsrChangeDoesntBumpLeaderEpoch)", () => {
    const image = FOO();
    const { change } = elect(image, [2, 1], "online");
    expect(change).toMatchObject({ isr: [2, 1], leader: null });
    expect(partition(image)).toMatchObject({ leader: 1, leaderEpoch: 100, partitionEpoch: 201 });
  });

  it("removing the leader from the ISR elects the first ISR member in assignment order (testIsrChangeAndLeaderChange)", () => {
    const image = FOO();
    const { change } = elect(image, [2, 3], "online");
    expect(change).toMatchObject({ isr: [2, 3], leader: 2 });
    expect(partition(image)).toMatchObject({ leader: 2, leaderEpoch: 101, partitionEpoch: 201 });
  });

  it("an unclean election sets the ISR to the new leader alone (testUncleanLeaderElection)", () => {
    expect(elect(FOO(), [3], "unclean").change).toMatchObject({ isr: [2], leader: 2 });
    expect(elect(OFFLINE(), [3], "unclean").change).toMatchObject({ isr: [1], leader: 1 });
    expect(elect(OFFLINE(), [2], "unclean").change).toMatchObject({ isr: [1], leader: 1 });
  });

  it("an unclean election picks the first live replica in assignment order (testUncleanSetsLeaderRecoveringState)", () => {
    const image = imageWith({ 1: "unfenced", 2: "fenced", 3: "fenced" }, { replicas: [1, 2, 3], isr: [2, 3], leader: NO_LEADER });
    expect(elect(image, [2, 3], "unclean").after).toEqual({ leader: 1, isr: [1], unclean: true });
  });
});

describe("buildPartitionChange: no leader", () => {
  it("the last ISR member going offline leaves NO_LEADER and keeps the ISR; it leads again once back (testChangeInLeadershipDoesNotChangeRecoveryState)", () => {
    const image = imageWith({ 1: "fenced", 2: "fenced", 3: "fenced" }, { replicas: [1, 2, 3], isr: [1], leader: 1 });
    const offline = elect(image, [], "online");
    expect(offline.change).toMatchObject({ leader: NO_LEADER, isr: null });
    expect(offline.after).toEqual({ leader: NO_LEADER, isr: [1], unclean: false });
    replay(image, [{ type: "BrokerRegistrationChange", brokerId: 1, brokerEpoch: 11, fenced: false, inControlledShutdown: null }]);
    expect(elect(image, [1], "online").after).toEqual({ leader: 1, isr: [1], unclean: false });
  });

  it("an empty target ISR elects no clean leader even if the current ISR is live (PartitionChangeBuilder.isValidNewLeader: ISR or ELR, never the old ISR)", () => {
    const image = imageWith({ 1: "unfenced", 2: "unfenced" }, { replicas: [1, 2], isr: [1, 2], leader: 1 });
    const { change, after } = elect(image, [], "online");
    expect(change).toMatchObject({ leader: NO_LEADER, isr: null });
    expect(after).toEqual({ leader: NO_LEADER, isr: [1, 2], unclean: false });
  });

  it("an unclean election with no live replica leaves NO_LEADER and the ISR as it was (electAnyLeader)", () => {
    const image = imageWith({ 1: "fenced", 2: "fenced", 3: "fenced" }, { replicas: [1, 2, 3], isr: [3], leader: 3 });
    expect(elect(image, [], "unclean").after).toEqual({ leader: NO_LEADER, isr: [3], unclean: false });
  });
});

describe("buildPartitionChange: which replicas may lead (ReplicationControlManager's isAcceptableLeader = ClusterControlManager.isActive)", () => {
  it.each<[BrokerStatus, number]>([
    ["unfenced", 1],
    ["fenced", 2],
    ["shutdown", 2],
    ["unregistered", 2],
  ])("a %s current leader: buildPartitionChange elects %i", (status, leader) => {
    const image = imageWith({ 1: status, 2: "unfenced", 3: "unfenced" }, { replicas: [3, 1, 2], isr: [1, 2], leader: 1 });
    expect(elect(image, [1, 2], "online").after.leader).toBe(leader);
  });

  it("the new leader is the first acceptable replica in assignment order, not ISR order (electAnyLeader: targetReplicas.stream())", () => {
    const image = imageWith({ 1: "unfenced", 2: "unfenced", 3: "fenced" }, { replicas: [3, 1, 2], isr: [2, 1, 3], leader: 3 });
    expect(elect(image, [2, 1], "online").after).toEqual({ leader: 1, isr: [2, 1], unclean: false });
  });

  it("an acceptable current leader in the target ISR is kept over the first replica (electAnyLeader)", () => {
    const image = imageWith({ 1: "unfenced", 2: "unfenced", 3: "unfenced" }, { replicas: [1, 2, 3], isr: [1, 2, 3], leader: 3 });
    expect(elect(image, [1, 2, 3], "online").change).toBeNull();
  });
});

describe("buildPartitionChange: preferred election (electPreferredLeader)", () => {
  it("moves leadership to replicas[0] when it is in the ISR and acceptable", () => {
    const image = imageWith({ 1: "unfenced", 2: "unfenced", 3: "unfenced" }, { replicas: [1, 2, 3], isr: [1, 2, 3], leader: 2 });
    expect(elect(image, [1, 2, 3], "preferred").after).toEqual({ leader: 1, isr: [1, 2, 3], unclean: false });
  });

  it("keeps an acceptable current leader when replicas[0] is not in the ISR", () => {
    const image = imageWith({ 1: "unfenced", 2: "unfenced", 3: "unfenced" }, { replicas: [1, 2, 3], isr: [2, 3], leader: 3 });
    expect(elect(image, [2, 3], "preferred").change).toBeNull();
  });

  it("falls back to the next acceptable ISR replica when replicas[0] and the leader are fenced", () => {
    const image = imageWith({ 1: "fenced", 2: "fenced", 3: "unfenced" }, { replicas: [1, 2, 3], isr: [1, 2, 3], leader: 2 });
    expect(elect(image, [1, 2, 3], "preferred").after).toEqual({ leader: 3, isr: [1, 2, 3], unclean: false });
  });

  it("is never unclean: no ISR replica acceptable leaves the partition offline", () => {
    const image = imageWith({ 1: "unfenced", 2: "unfenced", 3: "fenced" }, { replicas: [1, 2, 3], isr: [3], leader: NO_LEADER });
    expect(elect(image, [3], "preferred").change).toBeNull();
  });
});

/** elect with ELR on (the default mode: lastKnownElr holds the last known leader). */
function electElr(
  image: MetadataImage,
  targetIsr: number[],
  election: ElectionType,
  minIsr: number,
  uncleanShutdown?: number,
): { change: PartitionChange | null; after: Outcome & { elr: number[]; lastKnownElr: number[] } } {
  const change = buildPartitionChange(image, partition(image), targetIsr, election, "test", { enabled: true, minIsr }, uncleanShutdown);
  if (change !== null) {
    const elr = change.elr === null ? {} : { elr: change.elr };
    const lastKnownElr = change.lastKnownElr === null ? {} : { lastKnownElr: change.lastKnownElr };
    replay(image, [{ type: "PartitionChange", topic: "t", partition: 0, isr: change.isr, leader: change.leader, ...elr, ...lastKnownElr, reason: change.reason }]);
  }
  const p = partition(image);
  return { change, after: { leader: p.leader, isr: [...p.isr], unclean: / unclean$| last known leader$/.test(change?.reason ?? ""), elr: [...p.elr], lastKnownElr: [...p.lastKnownElr] } };
}

function withElr(image: MetadataImage, elr: number[], lastKnownElr: number[]): MetadataImage {
  partition(image).elr = elr;
  partition(image).lastKnownElr = lastKnownElr;
  return image;
}

// PartitionChangeBuilderTest's testEligibleLeaderReplicas_* cases (PartitionChangeRecord
// version 2). Kafka runs with useLastKnownLeaderInBalancedRecovery=true, where lastKnownElr
// holds only the last known leader; cases written for the other mode are adapted to it.
describe("buildPartitionChange with eligible leader replicas (KIP-966)", () => {
  const four = (fenced: number[]) => {
    const states: Record<number, BrokerStatus> = {};
    for (const id of [1, 2, 3, 4]) states[id] = fenced.includes(id) ? "fenced" : "unfenced";
    return states;
  };

  it("an ISR shrinking below min ISR keeps the replicas it loses as ELR (IsrShrinkBelowMinISR)", () => {
    const image = imageWith(four([3]), { replicas: [1, 2, 3, 4], isr: [1, 2, 3, 4], leader: 1 });
    const { change, after } = electElr(image, [1, 2], "preferred", 3);
    expect(change).toMatchObject({ isr: [1, 2], leader: null, elr: [3, 4], lastKnownElr: null });
    expect(after).toMatchObject({ leader: 1, elr: [3, 4], lastKnownElr: [] });
  });

  it("an ISR back at min ISR clears the ELR and the last known leader (IsrExpandAboveMinISR)", () => {
    const image = withElr(imageWith(four([3]), { replicas: [1, 2, 3, 4], isr: [1, 2], leader: 1 }), [3], [4]);
    expect(electElr(image, [1, 2, 3], "preferred", 3).change).toMatchObject({ isr: [1, 2, 3], elr: [], lastKnownElr: [] });
  });

  it("a new ISR member that was not in the ELR leaves the ELR as it was (IsrAddNewMemberNotInELR)", () => {
    const image = withElr(imageWith(four([3]), { replicas: [1, 2, 3, 4], isr: [1], leader: 1 }), [3], []);
    const { change, after } = electElr(image, [1, 4], "preferred", 3);
    expect(change).toMatchObject({ isr: [1, 4], elr: null, lastKnownElr: null });
    expect(after.elr).toEqual([3]);
  });

  it("a broker back from an unclean shutdown leaves the ELR (RemoveUncleanShutdownReplicasFromElr)", () => {
    const image = withElr(imageWith(four([3]), { replicas: [1, 2, 3, 4], isr: [1], leader: 1 }), [2, 3], []);
    const { change } = electElr(image, [1], "preferred", 3, 3);
    expect(change).toMatchObject({ isr: null, leader: null, elr: [2], lastKnownElr: null });
  });

  it("with the ISR empty, an ELR member is elected and becomes the ISR (ElrCanBeElected)", () => {
    const image = withElr(imageWith(four([1]), { replicas: [1, 2, 3, 4], isr: [1], leader: 1 }), [3], []);
    const { change, after } = electElr(image, [], "preferred", 3);
    expect(change).toMatchObject({ isr: [3], leader: 3, elr: [1], lastKnownElr: null });
    expect(after).toMatchObject({ leader: 3, isr: [3], unclean: false, elr: [1] });
    expect(change?.reason).toBe("test, from ELR");
  });

  it("the ISR may empty: every member goes to the ELR and the leader is remembered (IsrCanShrinkToZero)", () => {
    const image = imageWith(four([1, 2, 3, 4]), { replicas: [1, 2, 3, 4], isr: [1, 2, 3, 4], leader: 1 });
    const { change, after } = electElr(image, [], "preferred", 3);
    expect(change).toMatchObject({ isr: [], leader: NO_LEADER, elr: [1, 2, 3, 4], lastKnownElr: [1] });
    expect(after).toMatchObject({ leader: NO_LEADER, isr: [], elr: [1, 2, 3, 4], lastKnownElr: [1] });
    // An unclean shutdown of broker 2 then takes it out of the ELR and keeps the last known leader.
    const again = electElr(image, [], "preferred", 3, 2);
    expect(again.change).toMatchObject({ elr: [1, 3, 4], lastKnownElr: null });
  });

  it("with ISR and ELR empty, the last known leader leads again once live, its ISR reset to it (ElectLastKnownLeader)", () => {
    const image = withElr(imageWith(four([]), { replicas: [1, 2, 3, 4], isr: [], leader: NO_LEADER }), [], [1]);
    const { change, after } = electElr(image, [], "preferred", 3);
    expect(change).toMatchObject({ isr: [1], leader: 1, lastKnownElr: [] });
    expect(after).toMatchObject({ leader: 1, isr: [1], unclean: true, elr: [], lastKnownElr: [] });
  });

  it("the last known leader is not elected while the ELR holds someone (ElectLastKnownLeaderShouldFail)", () => {
    const image = withElr(imageWith(four([3]), { replicas: [1, 2, 3, 4], isr: [], leader: NO_LEADER }), [3], [1]);
    expect(electElr(image, [], "preferred", 3).change).toBeNull();
  });

  it("the last known leader is not elected while it is fenced (canElectLastKnownLeader checks it is live)", () => {
    const image = withElr(imageWith(four([1]), { replicas: [1, 2, 3, 4], isr: [], leader: NO_LEADER }), [], [1]);
    expect(electElr(image, [], "online", 3).change).toBeNull();
  });

  it("at or above min ISR nothing is kept: losing the leader of a full ISR elects from the ISR as without ELR", () => {
    const image = imageWith(four([1]), { replicas: [1, 2, 3], isr: [1, 2, 3], leader: 1 });
    expect(electElr(image, [2, 3], "online", 2).change).toMatchObject({ isr: [2, 3], leader: 2, elr: null, lastKnownElr: null });
  });
});
