// Links between racks (availability zones). A node may sit in a rack; a message between two
// nodes in different racks takes the inter-rack latency instead of the in-rack one and
// crosses the one-way link between the two racks, which serializes at its own bandwidth
// (shared by every node pair of those racks, one direction each) after the sender's NIC.
// Every byte that crosses is billed: by rack pair, and by cause (the sender's classifier).
// Leaves out: per-zone NAT gateways and load balancers, and links that differ between pairs.

import type { Micros, Rng } from "../../core/env.ts";
import { latencySampler, type LatencySampler, type LatencySpec } from "./latency.ts";

export interface RackLinkConfig {
  readonly latency: LatencySpec;
  readonly bandwidthBytesPerSec: number;
}

export const NO_RACK = -1;

export class RackLinks {
  /** Node index → rack index, NO_RACK for a node in no rack. */
  private readonly rackOfNode: number[] = [];
  private readonly freeAtUs: number[];
  private readonly usPerByte: number;
  private readonly sample: LatencySampler;
  /** Bytes sent from rack i to rack j at [i * racks + j]. */
  readonly bytes: number[];

  constructor(
    readonly rackNames: readonly string[],
    config: RackLinkConfig,
    rng: Rng,
  ) {
    const n = rackNames.length;
    this.freeAtUs = new Array<number>(n * n).fill(0);
    this.bytes = new Array<number>(n * n).fill(0);
    this.usPerByte = config.bandwidthBytesPerSec > 0 ? 1e6 / config.bandwidthBytesPerSec : 0;
    this.sample = latencySampler(config.latency, rng);
  }

  place(node: number, rack: number): void {
    while (this.rackOfNode.length <= node) this.rackOfNode.push(NO_RACK);
    this.rackOfNode[node] = rack;
  }

  rackOf(node: number): number {
    return this.rackOfNode[node] ?? NO_RACK;
  }

  /** The rack pair a message crosses (index into `bytes`), or -1 when it stays in one rack. */
  crossing(from: number, to: number): number {
    const a = this.rackOf(from);
    const b = this.rackOf(to);
    return a === NO_RACK || b === NO_RACK || a === b ? -1 : a * this.rackNames.length + b;
  }

  /** Takes `size` bytes that left the NIC over [txStartUs, txDoneUs] across `pair`; returns when the link is done with them. */
  cross(pair: number, size: number, txStartUs: Micros, txDoneUs: Micros): Micros {
    this.bytes[pair] = this.bytes[pair]! + size;
    const start = Math.max(txStartUs, this.freeAtUs[pair]!);
    const done = start + size * this.usPerByte;
    this.freeAtUs[pair] = done;
    return Math.max(txDoneUs, done);
  }

  latencyUs(): number {
    return this.sample();
  }
}
