// `cluster:` and `topics:` as JSON Schema, from the keys and defaults schema-cluster.ts and
// schema-topics.ts read. Checks that need the rest of the file (a replication factor above
// the broker count, an assignment naming broker 5 of 3) stay with the loader.

import { BROKER_CATALOG } from "../../core/config/broker-config.ts";
import { TOPIC_CATALOG } from "../../core/config/topic-config.ts";
import { sectionOf } from "./config-sections.ts";
import { DEFAULT_LATENCY_US, LATENCY_KINDS } from "./distributions.ts";
import { configMap } from "./json-schema-config.ts";
import type { JsonSchema } from "./json-schema-type.ts";
import { bandwidth, closedMap, distribution, duration, flag, integer, probability, size, withDefault } from "./json-schema-values.ts";
import { CLUSTER_KEYS, MAX_CONTROLLERS, DISK_DEFAULTS, DISK_KEYS, NETWORK_DEFAULTS, NETWORK_KEYS } from "./schema-cluster.ts";
import { LIMITS } from "./schema-common.ts";
import { RACK_NETWORK_KEYS } from "./schema-racks.ts";
import { TOPIC_KEYS } from "./schema-topics.ts";
import { formatDurationUs } from "./units.ts";

export function clusterSchema(): JsonSchema {
  return closedMap(
    "The brokers, the network and disks they run on, and the broker config.",
    CLUSTER_KEYS,
    {
      brokers: integer("How many brokers; their ids are 1..brokers.", { min: 1, max: LIMITS.brokers }),
      racks: {
        description: "Availability zones: broker i's broker.rack is racks[i-1], one name per broker, like [az1, az1, az2, az2, az3, az3]. Topics without an assignment are then placed as Kafka's StripedReplicaPlacer does (one replica per rack before two in one); controller k runs in the k-th distinct rack; a client is in the rack its config.client.rack names. Faults take rack(<name>) as a target.",
        type: "array",
        items: { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" },
        minItems: 1,
      },
      controllers: withDefault(integer("Controller nodes. 1: one active controller (a quorum of one, node `controller`). 3 or 5: a KRaft quorum (Raft, KIP-595) of nodes controller-1..N, whose leader is the active controller; the quorum survives the loss of a minority.", { min: 1, max: MAX_CONTROLLERS }), 1),
      network: networkSchema(),
      disk: diskSchema(),
      config: configMap(sectionOf(BROKER_CATALOG)),
      ssl: withDefault(flag("TLS listeners: network threads encrypt what they send and decrypt produce requests, and fetches lose sendfile's zero copy."), false),
    },
    ["brokers"],
  );
}

function networkSchema(): JsonSchema {
  const map = closedMap("The network between every two nodes, brokers and clients alike.", NETWORK_KEYS, {
    latency: withDefault(distribution("One-way delay of each message.", "time", LATENCY_KINDS), formatDurationUs(DEFAULT_LATENCY_US)),
    jitter: withDefault(duration("Spread of a plain latency: `latency: 1ms, jitter: 200us` is normal(1ms, 200us) cut at 0. Not with a latency distribution, which sets its own spread."), 0),
    bandwidth: withDefault(bandwidth("Of each link."), NETWORK_DEFAULTS.bandwidth),
    loss: withDefault(probability("Share of messages dropped on every link."), NETWORK_DEFAULTS.loss),
    racks: rackNetworkSchema(),
  });
  // readLatency refuses a jitter next to a latency distribution.
  return { ...map, if: { properties: { latency: { type: "object" } }, required: ["latency"] }, then: { properties: { jitter: false } } };
}

function rackNetworkSchema(): JsonSchema {
  const map = closedMap("The link between two racks (zones), with cluster.racks: a message between nodes of different racks takes this latency and crosses this link, shared by the two racks' nodes; within a rack, the network above. Unset keys are as within a rack.", RACK_NETWORK_KEYS, {
    latency: distribution("One-way delay between two zones.", "time", LATENCY_KINDS),
    jitter: duration("Spread of a plain latency, as above (none when unset)."),
    bandwidth: bandwidth("Of the link from one zone to another (each direction)."),
  });
  return { ...map, if: { properties: { latency: { type: "object" } }, required: ["latency"] }, then: { properties: { jitter: false } } };
}

function diskSchema(): JsonSchema {
  const d = DISK_DEFAULTS;
  return closedMap("Each broker's disk and the operating system's page cache in front of it.", DISK_KEYS, {
    throughput: withDefault(bandwidth("Bytes the device moves per second, reads and writes alike."), d.throughput),
    fsyncLatency: withDefault(duration("Time an fsync takes on top of writing its bytes."), d.fsyncLatency),
    readLatency: withDefault(duration("Time a read that misses the page cache waits for the device, before its bytes' transfer time."), d.readLatency),
    pageCache: withDefault(size("Page cache of each broker: reads it holds cost no disk time, and a power loss drops its unflushed bytes."), d.pageCache),
    writebackDelay: withDefault(duration("Linux vm.dirty_expire_centisecs: the OS writes dirty pages back once they are this old."), d.writebackDelay),
    dirtyBackgroundRatio: withDefault(
      integer("Linux vm.dirty_background_ratio, whole percent of pageCache: above it write-back starts at once (at or over dirtyRatio it acts as half of dirtyRatio, as in Linux).", { min: 0, max: 100 }),
      d.dirtyBackgroundRatio,
    ),
    dirtyRatio: withDefault(integer("Linux vm.dirty_ratio, whole percent of pageCache: above it writers block until write-back catches up.", { min: 0, max: 100 }), d.dirtyRatio),
  });
}

export function topicsSchema(): JsonSchema {
  const topic = closedMap(
    "A topic, as kafka-topics --create takes it.",
    TOPIC_KEYS,
    {
      name: {
        description: "Kafka's topic name rules: 1 to 249 of letters, digits, '.', '_' and '-', not \".\" or \"..\"; names differing only in '.' versus '_' collide.",
        type: "string",
        pattern: "^[a-zA-Z0-9._-]{1,249}$",
        not: { enum: [".", ".."] },
      },
      partitions: integer("Partition count. Default: the assignment's length, else the broker's num.partitions.", { min: 1, max: LIMITS.partitionsPerTopic }),
      replicationFactor: integer("Replicas per partition, at most the broker count. Default: the assignment's width, else the broker's default.replication.factor.", { min: 1, max: 32767 }),
      assignment: {
        description: "Replicas per partition, as kafka-topics --replica-assignment: [[1, 2, 3], [2, 3, 1]]; the first of each is the preferred leader. Every partition lists the same number of distinct broker ids.",
        type: "array",
        minItems: 1,
        items: { description: "The broker ids holding one partition, preferred leader first.", type: "array", minItems: 1, uniqueItems: true, items: integer("A broker id.", { min: 1 }) },
      },
      config: configMap(sectionOf(TOPIC_CATALOG)),
    },
    ["name"],
  );
  return { description: "The topics, created before the run starts. Topic configs not set take the cluster's log.* values, as in Kafka.", type: "array", minItems: 1, items: topic };
}
