// One leader per leader epoch (Kafka's LeaderAndIsr / KRaft PartitionRecord: an epoch names
// one leader; fencing by epoch is how KIP-101 and produce/fetch requests tell stale leaders
// from current ones). Fed by every broker that leads a partition and by the controller's
// committed image; the first to name a leader for (partition, epoch) fixes it.

import { InvariantViolation } from "../../../core/invariant-violation.ts";

export class LeaderEpochs {
  /** topic-partition → leader broker id by epoch. */
  private readonly leaders = new Map<string, number[]>();

  observe(tp: string, epoch: number, leader: number, who: string): void {
    let byEpoch = this.leaders.get(tp);
    if (byEpoch === undefined) this.leaders.set(tp, (byEpoch = []));
    const known = byEpoch[epoch];
    if (known === undefined) byEpoch[epoch] = leader;
    else if (known !== leader) {
      throw new InvariantViolation("one-leader-per-epoch", `${who} has broker ${leader} leading ${tp} in leader epoch ${epoch}, which broker ${known} led`);
    }
  }
}
