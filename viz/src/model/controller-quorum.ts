// The KRaft quorum as the cluster view shows it (cluster.controllers > 1): which controller is
// active, from its ControllerActive (a new Raft leader that has committed its first record)
// until it stops leading or its process goes down, each voter's Raft role and metadata log
// end offset over time (RaftLogProgress), and the metadata high watermark: the highest any
// voter has reported, which is the committed prefix (a voter's never passes the leader's). A
// run with one controller has no quorum model: its box shows that node's process state.

import { StepSeries } from "./step-series.ts";

export interface QuorumModel {
  /** "controller-2 · epoch 1" while one is active, "" while none is. */
  readonly active: StepSeries<string>;
  /** Per voter: its Raft role ("leader", "follower", "candidate", ...) or its process state when down. */
  readonly roles: ReadonlyMap<string, StepSeries<string>>;
  /** Per voter: its metadata log end offset (-1 before it has reported one). */
  readonly logEnds: ReadonlyMap<string, StepSeries<number>>;
  /** The metadata high watermark (-1 before a first commit). */
  readonly highWatermark: StepSeries<number>;
}

export class QuorumBuilder {
  private readonly active = new StepSeries<string>("");
  private readonly roles = new Map<string, StepSeries<string>>();
  private readonly logEnds = new Map<string, StepSeries<number>>();
  private readonly highWatermark = new StepSeries<number>(-1);
  private hw = -1;
  private activeNode: string | null = null;

  onControllerActive(t: number, node: string, epoch: number | undefined): void {
    if (!node.startsWith("controller-")) return;
    this.activeNode = node;
    this.active.set(t, epoch === undefined ? node : `${node} · epoch ${epoch}`);
  }

  onRole(t: number, node: string, role: string, epoch: number): void {
    this.role(node).set(t, role === "leader" || role === "candidate" || role === "prospective" ? `${role} e${epoch}` : role);
    if (node === this.activeNode && role !== "leader") this.deactivate(t);
  }

  onLogProgress(t: number, node: string, logEnd: number, highWatermark: number): void {
    let s = this.logEnds.get(node);
    if (s === undefined) this.logEnds.set(node, (s = new StepSeries<number>(-1)));
    s.set(t, logEnd);
    if (highWatermark > this.hw) this.highWatermark.set(t, (this.hw = highWatermark));
  }

  /** The voter's process stopped, crashed, lost power or paused (or came back: "up"). */
  onProcess(t: number, node: string, state: string): void {
    if (!node.startsWith("controller-")) return;
    if (state !== "up") this.role(node).set(t, state);
    if (node === this.activeNode && state !== "up") this.deactivate(t);
  }

  finish(): QuorumModel | null {
    return this.roles.size === 0 ? null : { active: this.active, roles: this.roles, logEnds: this.logEnds, highWatermark: this.highWatermark };
  }

  private deactivate(t: number): void {
    this.activeNode = null;
    this.active.set(t, "");
  }

  private role(node: string): StepSeries<string> {
    let s = this.roles.get(node);
    if (s === undefined) this.roles.set(node, (s = new StepSeries<string>("starting")));
    return s;
  }
}
