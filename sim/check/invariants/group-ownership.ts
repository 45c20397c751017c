// One owner per partition per generation, as consumers of a classic group see it: the
// members of one generation got disjoint assignments from the leader's assignor (eager: all
// revoked before joining; cooperative: a partition moves only a generation after its owner
// gave it up, KIP-429). A zombie still holding partitions of an older generation is allowed —
// that is how records get processed twice — so claims are per generation. KIP-848 groups are
// checked by their coordinator, which throws when a partition would get a second holder
// (ConsumerGroup.addPartitionEpochs).

import type { KafkaConsumer } from "../../../core/consumer/consumer.ts";
import { InvariantViolation } from "../../../core/invariant-violation.ts";
import type { NodeId } from "../../../core/env.ts";

export class GroupOwnership {
  /** "group/generation" → topic-partition → the member node that owns it. */
  private readonly claims = new Map<string, Map<string, NodeId>>();

  constructor(private readonly nodeOf: (name: NodeId) => unknown) {}

  check(name: NodeId, consumer: KafkaConsumer): void {
    const generation = consumer.generation;
    if (consumer.groupProtocol !== "classic" || generation < 0) return;
    const key = `${consumer.groupId}/${generation}`;
    let owners = this.claims.get(key);
    if (owners === undefined) this.claims.set(key, (owners = new Map()));
    for (const { topic, partition } of consumer.ownedPartitions()) {
      const tp = `${topic}-${partition}`;
      const owner = owners.get(tp);
      if (owner !== undefined && owner !== name && this.stillOwns(owner, key, topic, partition)) {
        throw new InvariantViolation("one-owner-per-generation", `group ${consumer.groupId} generation ${generation}: ${name} and ${owner} both own ${tp}`);
      }
      owners.set(tp, name);
    }
  }

  /** A claim lapses when its member died, moved to another generation or gave the partition up. */
  private stillOwns(name: NodeId, key: string, topic: string, partition: number): boolean {
    const node = this.nodeOf(name) as KafkaConsumer | null;
    if (node === null || `${node.groupId}/${node.generation}` !== key) return false;
    return node.ownedPartitions().some((p) => p.topic === topic && p.partition === partition);
  }
}
