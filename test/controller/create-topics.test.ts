// ReplicationControlManager.createTopics / createTopic and ControllerApis.createTopics, as
// core/controller/create-topics.ts models them (ReplicationControlManagerTest's createTopics
// cases): defaults for -1, the stripe over registered brokers with the ISR their active ones,
// manual assignments and their errors, duplicate and colliding names, validate_only.
import { describe, expect, it } from "vitest";
import { createTopics, type CreationRecord } from "../../core/controller/create-topics.ts";
import { MetadataImage } from "../../core/metadata/metadata-image.ts";
import type { CreatableTopic } from "../../core/protocol/messages.ts";
import type { MetadataRecord } from "../../core/protocol/metadata-records.ts";

const DEFAULTS = { numPartitions: 2, defaultReplicationFactor: 2 };

/** Brokers 1..3 registered; `fenced` of them fenced, the others active. */
function image(fenced: number[] = [], existing: string[] = []): MetadataImage {
  const img = new MetadataImage();
  let offset = 0;
  const apply = (r: MetadataRecord extends infer R ? (R extends MetadataRecord ? Omit<R, "offset"> : never) : never): void => img.apply({ ...r, offset: offset++ } as MetadataRecord);
  for (const id of [1, 2, 3]) {
    apply({ type: "RegisterBroker", brokerId: id, brokerEpoch: id, incarnationId: id });
    if (!fenced.includes(id)) apply({ type: "BrokerRegistrationChange", brokerId: id, brokerEpoch: id, fenced: false, inControlledShutdown: null });
  }
  for (const name of existing) apply({ type: "Topic", name });
  return img;
}

const topic = (name: string, more: Partial<CreatableTopic> = {}): CreatableTopic => ({ name, numPartitions: -1, replicationFactor: -1, assignments: [], configs: [], ...more });
const partitions = (records: readonly CreationRecord[]) => records.flatMap((r) => (r.type === "Partition" ? [{ p: r.partition, replicas: r.replicas, isr: r.isr, leader: r.leader }] : []));

describe("createTopics", () => {
  it("takes num.partitions and default.replication.factor for -1 and stripes the replicas over the brokers", () => {
    const { records, results } = createTopics(image(), [topic("t")], DEFAULTS, false);
    expect(results).toEqual([{ name: "t", error: "NONE", errorMessage: null, numPartitions: 2, replicationFactor: 2 }]);
    expect(records[0]).toEqual({ type: "Topic", name: "t" });
    expect(partitions(records)).toEqual([{ p: 0, replicas: [1, 2], isr: [1, 2], leader: 1 }, { p: 1, replicas: [2, 3], isr: [2, 3], leader: 2 }]);
  });

  it("places on a fenced broker too, keeping it out of the ISR and the leadership", () => {
    const { records } = createTopics(image([1]), [topic("t", { numPartitions: 1, replicationFactor: 3 })], DEFAULTS, false);
    expect(partitions(records)).toEqual([{ p: 0, replicas: [1, 2, 3], isr: [2, 3], leader: 2 }]);
  });

  it("refuses more replicas than registered brokers, and 0 or < -1 partitions or replicas", () => {
    const errors = createTopics(image(), [topic("a", { replicationFactor: 4 }), topic("b", { numPartitions: 0 }), topic("c", { replicationFactor: -2 })], DEFAULTS, false).results.map((r) => [r.error, r.errorMessage]);
    expect(errors).toEqual([
      ["INVALID_REPLICATION_FACTOR", "Unable to replicate the partition 4 time(s): The target replication factor of 4 cannot be reached because only 3 broker(s) are registered."],
      ["INVALID_PARTITIONS", "Number of partitions was set to an invalid non-positive value."],
      ["INVALID_REPLICATION_FACTOR", "Replication factor must be larger than 0, or -1 to use the default value."],
    ]);
    expect(createTopics(image([1, 2, 3]), [topic("t")], DEFAULTS, false).results[0]!.errorMessage).toBe("Unable to replicate the partition 2 time(s): All brokers are currently fenced.");
  });

  it("refuses bad names, existing and colliding ones, duplicates in one request and the metadata topic", () => {
    const got = createTopics(image([], ["orders", "a.b"]), [topic(""), topic("x y"), topic("orders"), topic("a_b"), topic("d"), topic("d"), topic("__cluster_metadata"), topic("e.f"), topic("e_f")], DEFAULTS, false).results;
    expect(got.map((r) => `${r.name}:${r.error}`)).toEqual([
      ":INVALID_TOPIC_EXCEPTION", "x y:INVALID_TOPIC_EXCEPTION", "orders:TOPIC_ALREADY_EXISTS", "a_b:INVALID_TOPIC_EXCEPTION",
      "d:INVALID_REQUEST", "__cluster_metadata:INVALID_REQUEST", "e.f:NONE", "e_f:INVALID_TOPIC_EXCEPTION",
    ]);
    expect(got[3]!.errorMessage).toBe("Topic 'a_b' collides with existing topic: a.b");
    expect(got[7]!.errorMessage).toBe("Topic 'e_f' collides with existing topic: e.f");
  });

  it("takes a manual assignment with -1 counts, and refuses gaps, unknown or repeated brokers, uneven sizes", () => {
    const ok = createTopics(image(), [topic("m", { assignments: [{ partitionIndex: 1, brokerIds: [3, 1] }, { partitionIndex: 0, brokerIds: [2, 3] }] })], DEFAULTS, false);
    expect(partitions(ok.records)).toEqual([{ p: 0, replicas: [2, 3], isr: [2, 3], leader: 2 }, { p: 1, replicas: [3, 1], isr: [3, 1], leader: 3 }]);
    const bad = (assignments: CreatableTopic["assignments"], more: Partial<CreatableTopic> = {}) => createTopics(image(), [topic("m", { assignments, ...more })], DEFAULTS, false).results[0]!;
    expect(bad([{ partitionIndex: 0, brokerIds: [1] }], { numPartitions: 1 }).error).toBe("INVALID_REQUEST");
    expect(bad([{ partitionIndex: 1, brokerIds: [1] }]).errorMessage).toBe("partitions should be a consecutive 0-based integer sequence");
    expect(bad([{ partitionIndex: 0, brokerIds: [1, 9] }]).errorMessage).toBe("The manual partition assignment includes broker 9, but no such broker is registered.");
    expect(bad([{ partitionIndex: 0, brokerIds: [2, 2] }]).errorMessage).toBe("The manual partition assignment includes the broker 2 more than once.");
    expect(bad([{ partitionIndex: 0, brokerIds: [1, 2] }, { partitionIndex: 1, brokerIds: [3] }]).error).toBe("INVALID_REPLICA_ASSIGNMENT");
  });

  it("validate_only answers as a real creation would and writes no record", () => {
    const real = createTopics(image(), [topic("t"), topic("orders")], DEFAULTS, false);
    const dry = createTopics(image(), [topic("t"), topic("orders")], DEFAULTS, true);
    expect(dry.results).toEqual(real.results);
    expect(dry.records).toEqual([]);
  });
});
