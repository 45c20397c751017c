// Kafka's KRaft replica placement, StripedReplicaPlacer
// (metadata/src/main/java/org/apache/kafka/metadata/placement/StripedReplicaPlacer.java):
// racks sorted by name, brokers sorted by id within each rack, each list starting at a random
// offset; a partition's leader comes from the next rack in turn with an unfenced broker, and
// its followers from the racks after it, one each in turn, so replicas spread over racks
// before doubling up in one. Once as many partitions as unfenced brokers are placed, racks
// and brokers are reshuffled to avoid repeating the same sets. The Java HashMap that holds
// the racks decides the order of the random draws (initialize, shuffle), so it is kept here.

import { JavaHashOrder, javaStringHashCode } from "../assignors/java-hash-order.ts";
import { InvalidReplicationFactorError } from "./invalid-replication-factor-error.ts";
import { nextInt, shuffle, type JavaRandom } from "./java-random.ts";

/** A registered broker: its id, broker.rack (null: none) and whether it is fenced. */
export interface UsableBroker {
  readonly id: number;
  readonly rack: string | null;
  readonly fenced: boolean;
}

/** StripedReplicaPlacer.BrokerList: brokers of one rack and one fencing state. */
export class BrokerList {
  private readonly brokers: number[] = [];
  private index = 0;
  private offset = 0;
  private epoch = 0;

  add(broker: number): this {
    this.brokers.push(broker);
    return this;
  }

  initialize(random: JavaRandom): void {
    if (this.brokers.length === 0) return;
    this.brokers.sort((a, b) => a - b);
    this.offset = nextInt(random, this.brokers.length);
  }

  shuffle(random: JavaRandom): void {
    shuffle(this.brokers, random);
  }

  get size(): number {
    return this.brokers.length;
  }

  /** The next broker of this epoch, or -1 once every broker was handed out in it. */
  next(epoch: number): number {
    const n = this.brokers.length;
    if (n === 0) return -1;
    if (this.epoch !== epoch) {
      this.epoch = epoch;
      this.index = 0;
      this.offset = (this.offset + 1) % n;
    }
    if (this.index >= n) return -1;
    const broker = this.brokers[(this.index + this.offset) % n]!;
    this.index++;
    return broker;
  }
}

class Rack {
  readonly fenced = new BrokerList();
  readonly unfenced = new BrokerList();

  initialize(random: JavaRandom): void {
    this.fenced.initialize(random);
    this.unfenced.initialize(random);
  }

  shuffle(random: JavaRandom): void {
    this.fenced.shuffle(random);
    this.unfenced.shuffle(random);
  }

  /** An unfenced broker if one is left in this epoch, else a fenced one. */
  next(epoch: number): number {
    const result = this.unfenced.next(epoch);
    return result >= 0 ? result : this.fenced.next(epoch);
  }
}

/** Optional<String>.hashCode: the string's hash, 0 for empty. */
const rackHash = (rack: string | null): number => (rack === null ? 0 : javaStringHashCode(rack));

/** OptionalStringComparator: no rack first, then by String.compareTo (UTF-16 units). */
function compareRacks(a: string | null, b: string | null): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** StripedReplicaPlacer.RackList: one placement's view of the cluster. */
export class RackList {
  private readonly racks = new Map<string | null, Rack>();
  /** The racks map's key order as a java.util.HashMap iterates it. */
  private readonly hashOrder = new JavaHashOrder<string | null>(rackHash);
  readonly rackNames: (string | null)[] = [];
  readonly numTotalBrokers: number;
  readonly numUnfencedBrokers: number;
  private epoch = 0;
  private offset: number;

  constructor(
    private readonly random: JavaRandom,
    brokers: Iterable<UsableBroker>,
  ) {
    let total = 0;
    let unfenced = 0;
    for (const b of brokers) {
      let rack = this.racks.get(b.rack);
      if (rack === undefined) {
        this.rackNames.push(b.rack);
        rack = new Rack();
        this.racks.set(b.rack, rack);
        this.hashOrder.add(b.rack);
      }
      if (b.fenced) rack.fenced.add(b.id);
      else {
        unfenced++;
        rack.unfenced.add(b.id);
      }
      total++;
    }
    for (const rack of this.racksInHashOrder()) rack.initialize(random);
    this.rackNames.sort(compareRacks);
    this.numTotalBrokers = total;
    this.numUnfencedBrokers = unfenced;
    this.offset = this.rackNames.length === 0 ? 0 : nextInt(random, this.rackNames.length);
  }

  private racksInHashOrder(): Rack[] {
    return this.hashOrder.ordered().map((name) => this.racks.get(name)!);
  }

  private rack(index: number): Rack {
    return this.racks.get(this.rackNames[index]!)!;
  }

  place(replicationFactor: number): number[] {
    checkPositive(replicationFactor);
    checkEnoughBrokers(replicationFactor, this.numTotalBrokers);
    checkUnfenced(this.numUnfencedBrokers);
    // After as many placements as unfenced brokers, reshuffle so the same sets do not repeat
    // (not with a single unfenced broker: that would loop forever).
    if (this.epoch === this.numUnfencedBrokers && this.numUnfencedBrokers > 1) {
      this.shuffle();
      this.epoch = 0;
    }
    if (this.offset === this.rackNames.length) this.offset = 0;
    const brokers: number[] = [];
    let firstRackIndex = this.offset;
    for (;;) {
      const result = this.rack(firstRackIndex).unfenced.next(this.epoch);
      if (result >= 0) {
        brokers.push(result);
        break;
      }
      firstRackIndex = (firstRackIndex + 1) % this.rackNames.length;
    }
    let rackIndex = this.offset;
    for (let replica = 1; replica < replicationFactor; replica++) {
      let result = -1;
      do {
        // The leader's rack is skipped once, on the first lap.
        if (rackIndex === firstRackIndex) firstRackIndex = -1;
        else result = this.rack(rackIndex).next(this.epoch);
        rackIndex = (rackIndex + 1) % this.rackNames.length;
      } while (result < 0);
      brokers.push(result);
    }
    this.epoch++;
    this.offset++;
    return brokers;
  }

  private shuffle(): void {
    shuffle(this.rackNames, this.random);
    for (const rack of this.racksInHashOrder()) rack.shuffle(this.random);
  }
}

/** StripedReplicaPlacer.place: a topic's partitions, each placed by one RackList over the cluster as it is now. */
export function placeReplicas(random: JavaRandom, brokers: readonly UsableBroker[], numPartitions: number, replicationFactor: number): number[][] {
  const rackList = new RackList(random, brokers);
  checkPositive(replicationFactor);
  checkUnfenced(rackList.numUnfencedBrokers);
  checkEnoughBrokers(replicationFactor, rackList.numTotalBrokers);
  const placements: number[][] = [];
  for (let p = 0; p < numPartitions; p++) placements.push(rackList.place(replicationFactor));
  return placements;
}

function checkPositive(replicationFactor: number): void {
  if (replicationFactor <= 0) throw new InvalidReplicationFactorError(`Invalid replication factor ${replicationFactor}: the replication factor must be positive.`);
}

function checkUnfenced(numUnfenced: number): void {
  if (numUnfenced === 0) throw new InvalidReplicationFactorError("All brokers are currently fenced.");
}

function checkEnoughBrokers(replicationFactor: number, numTotalBrokers: number): void {
  if (replicationFactor > numTotalBrokers) {
    throw new InvalidReplicationFactorError(`The target replication factor of ${replicationFactor} cannot be reached because only ${numTotalBrokers} broker(s) are registered.`);
  }
}
