// Where the controller places the replicas of topics without an explicit `assignment`.
// With cluster.racks: Kafka's StripedReplicaPlacer (core/placement), over every broker
// registered and unfenced (kafkasim creates topics once all have registered), drawing from
// the run's seeded "placement" stream where Kafka's controller draws from its own Random; one
// placement per topic, in the scenario's order, __consumer_offsets last.
// Without racks: the stripe kafkasim always used (partition p leads on broker p mod n), so
// every scenario written before racks keeps its history. Kafka's placer would start the
// stripe at a random broker and reshuffle after n partitions; for a cluster without racks
// that changes which broker leads which partition, not how evenly they spread.

import { stripedAssignment } from "../../core/controller/partition-change.ts";
import { javaRandomOf } from "../../core/placement/java-random.ts";
import { placeReplicas, type UsableBroker } from "../../core/placement/striped-replica-placer.ts";
import { SeededRng } from "../kernel/rng.ts";

export interface PlacedTopic {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly assignment: readonly (readonly number[])[] | null;
}

/** Each topic's replicas, preferred leader first: its own assignment, else the controller's placement. */
export function placeTopics(seed: number, racks: readonly string[] | null, brokerIds: readonly number[], topics: readonly PlacedTopic[]): number[][][] {
  if (racks === null) return topics.map((t) => (t.assignment ?? stripedAssignment(t.partitions, t.replicationFactor, brokerIds)).map((r) => [...r]));
  const random = javaRandomOf(SeededRng.root(seed).fork("placement"));
  const brokers: UsableBroker[] = brokerIds.map((id, i) => ({ id, rack: racks[i]!, fenced: false }));
  return topics.map((t) => (t.assignment === null ? placeReplicas(random, brokers, t.partitions, t.replicationFactor) : t.assignment.map((r) => [...r])));
}
