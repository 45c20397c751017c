// Where a broker's controller-bound requests go (NodeToControllerChannelManager with the
// Raft leader the broker's metadata fetch learns of, RaftManager's leaderAndEpoch). With one
// controller that is always "controller". With a quorum it is the leader last heard of; while
// none is known the broker asks the voters in turn (KafkaRaftClient's observer fetching from
// a bootstrap voter, which answers with the leader it knows). Kafka picks that voter at
// random; here the turn starts at the broker's id, which needs no random stream.

import type { NodeId } from "../env.ts";

export class ControllerChannel {
  private known: NodeId | null;
  private turn: number;

  constructor(
    private readonly voters: readonly NodeId[],
    private readonly nodeOf: (controllerId: number) => NodeId,
    brokerId: number,
  ) {
    this.known = voters.length === 1 ? voters[0]! : null;
    this.turn = brokerId % voters.length;
  }

  /** The node to send to now. */
  target(): NodeId {
    return this.known ?? this.voters[this.turn]!;
  }

  get leaderKnown(): boolean {
    return this.known !== null;
  }

  /** A response named the leader (an id ≥ 1) or said none is known (-1). */
  learn(controllerId: number | undefined): void {
    if (this.voters.length === 1 || controllerId === undefined) return;
    if (controllerId >= 1) this.known = this.nodeOf(controllerId);
    else this.forget(this.target());
  }

  /** `node` answered as the leader. */
  heardFrom(node: NodeId): void {
    if (this.voters.length > 1) this.known = node;
  }

  /** A request to `node` failed or was refused: ask the next voter unless another is known. */
  forget(node: NodeId): void {
    if (this.voters.length === 1 || (this.known !== null && this.known !== node)) return;
    this.known = null;
    const i = this.voters.indexOf(node);
    this.turn = ((i < 0 ? this.turn : i) + 1) % this.voters.length;
  }
}
