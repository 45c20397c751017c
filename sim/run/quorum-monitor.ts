// With a controller quorum (cluster.controllers > 1): when the cluster had an active
// controller, sampled every 10 ms of `duration`, for the summary's `controllerQuorum`.
// Gaps shorter than a sample may be missed; each gap is measured to 10 ms.

import { QuorumControllerNode } from "../../core/controller/quorum-controller-node.ts";
import type { KafkaMessage } from "../../core/protocol/messages.ts";
import type { Timer } from "../../core/timer.ts";
import type { World } from "../world/world.ts";
import { activeControllerNode } from "./active-controller.ts";

const SAMPLE_US = 10_000;

export interface QuorumSummary {
  controllers: number;
  /** Leader elections won (Raft epochs that got an active controller), the first included. */
  elections: number;
  /** Longest stretch of `duration` without an active controller, after the first became active. */
  longestWithoutActiveMs: number;
  /** All of `duration` without an active controller after the first became active. */
  withoutActiveMs: number;
  /** The active controller and its epoch at the end of the run (after settling); "" and -1 when none. */
  activeController: string;
  epoch: number;
}

export class QuorumMonitor {
  private everActive = false;
  private gapStartUs = -1;
  private longestUs = 0;
  private totalUs = 0;
  private readonly epochs = new Set<number>();

  constructor(
    private readonly world: World<KafkaMessage, Timer>,
    private readonly nodes: readonly string[],
  ) {}

  schedule(durationUs: number): void {
    this.world.scheduler.every(SAMPLE_US, SAMPLE_US, durationUs, () => this.sample());
  }

  private sample(): void {
    const now = this.world.scheduler.now();
    const active = activeControllerNode(this.world, this.nodes);
    if (active !== null) {
      this.epochs.add((this.world.nodeOf(active) as QuorumControllerNode).raftState.epoch);
      this.everActive = true;
      if (this.gapStartUs >= 0) this.closeGap(now);
    } else if (this.everActive && this.gapStartUs < 0) this.gapStartUs = now - SAMPLE_US;
  }

  private closeGap(endUs: number): void {
    const gap = endUs - this.gapStartUs;
    this.longestUs = Math.max(this.longestUs, gap);
    this.totalUs += gap;
    this.gapStartUs = -1;
  }

  summary(durationUs: number): QuorumSummary {
    if (this.gapStartUs >= 0) this.closeGap(durationUs);
    const active = activeControllerNode(this.world, this.nodes);
    const node = active === null ? null : (this.world.nodeOf(active) as QuorumControllerNode);
    return {
      controllers: this.nodes.length,
      elections: this.epochs.size,
      longestWithoutActiveMs: this.longestUs / 1000,
      withoutActiveMs: this.totalUs / 1000,
      activeController: active ?? "",
      epoch: node?.raftState.epoch ?? -1,
    };
  }
}
