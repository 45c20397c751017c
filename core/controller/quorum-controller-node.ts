// A controller process of a KRaft quorum (cluster.controllers > 1): a Raft voter
// (core/raft/raft-client.ts) and, while it is the Raft leader and has committed a record of
// its epoch, the active controller (QuorumController over the same log). Brokers' metadata
// fetches are Raft observer fetches; registrations, heartbeats and AlterPartition reach the
// active controller only, and every other controller answers NOT_CONTROLLER with the leader
// it knows. A resigning leader drops its controller and the responses still waiting for a
// commit (QuorumController.renounce); brokers retry them at the new active controller.

import type { Env, NodeId, SimNode, TimerHandle } from "../env.ts";
import { Errors } from "../protocol/errors.ts";
import type { KafkaMessage } from "../protocol/messages.ts";
import type { MetadataRecord } from "../protocol/metadata-records.ts";
import { RaftClient, type RaftSettings } from "../raft/raft-client.ts";
import type { RaftTimer } from "../raft/raft-timers.ts";
import { Controller, type ControllerSettings, type MetadataLog } from "./controller.ts";
import type { ControllerTimer } from "./controller-timers.ts";

/** A timer the active controller set, tagged with its activation so a later one ignores it. */
export interface ActiveControllerTimer {
  readonly kind: "ActiveControllerTimer";
  readonly activation: number;
  readonly timer: ControllerTimer;
}

export type QuorumNodeTimer = RaftTimer | ActiveControllerTimer;

/** KafkaRaftClientDriver: client.shutdown(5000). */
const RAFT_SHUTDOWN_TIMEOUT_MS = 5000;

export class QuorumControllerNode implements SimNode<KafkaMessage, QuorumNodeTimer> {
  private env!: Env<KafkaMessage, QuorumNodeTimer>;
  private raft!: RaftClient;
  private controller: Controller | null = null;
  private activation = 0;

  constructor(
    private readonly settings: ControllerSettings,
    private readonly raftSettings: RaftSettings,
  ) {}

  onStart(env: Env<KafkaMessage, QuorumNodeTimer>): void {
    this.env = env;
    this.raft = new RaftClient(env, this.raftSettings, {
      onHighWatermark: () => this.onHighWatermark(),
      onResigned: () => this.deactivate(),
    });
    this.raft.start();
  }

  /** The active controller, or null while this node is not (a checker's and the world's view). */
  get active(): Controller | null {
    return this.controller;
  }

  get raftState(): RaftClient {
    return this.raft;
  }

  private onHighWatermark(): void {
    const hw = this.raft.highWatermark;
    if (this.controller !== null) {
      this.controller.commit(hw - 1);
      return;
    }
    if (this.raft.isLeader && hw > this.raft.epochStartOffset) this.activate();
  }

  /** QuorumController.claim: the leader's log is committed up to its end; replay it and act. */
  private activate(): void {
    this.activation++;
    const controller = new Controller(this.settings);
    this.controller = controller;
    const raft = this.raft;
    const log: MetadataLog = { append: (r) => raft.appendAsLeader(r), flush: () => raft.flush() };
    controller.activate(this.controllerEnv(this.activation), log, this.records(), raft.epoch);
  }

  private *records(): Iterable<MetadataRecord> {
    for (const e of this.raft.log.entries) yield e.record;
  }

  private deactivate(): void {
    this.controller = null;
  }

  /** The node's env as the controller sees it: its timers come back tagged with this activation. */
  private controllerEnv(activation: number): Env<KafkaMessage, ControllerTimer> {
    const env = this.env;
    return {
      nodeId: env.nodeId,
      now: () => env.now(),
      send: (to, msg) => {
        if (this.activation === activation && this.controller !== null) env.send(to, msg);
      },
      setTimer: (delayUs, timer): TimerHandle => env.setTimer(delayUs, { kind: "ActiveControllerTimer", activation, timer }),
      cancelTimer: (h) => env.cancelTimer(h),
      disk: env.disk,
      rng: env.rng,
      emit: (event) => env.emit(event),
      get tracing() {
        return env.tracing;
      },
    };
  }

  onMessage(from: NodeId, msg: KafkaMessage): void {
    switch (msg.kind) {
      case "Vote":
        return this.raft.onVote(from, msg);
      case "VoteResponse":
        return this.raft.onVoteResponse(msg);
      case "BeginQuorumEpoch":
        return this.raft.onBeginQuorumEpoch(from, msg);
      case "BeginQuorumEpochResponse":
        return;
      case "EndQuorumEpoch":
        return this.raft.onEndQuorumEpoch(from, msg);
      case "EndQuorumEpochResponse":
        return this.raft.onEndQuorumEpochResponse(msg);
      case "RaftFetch":
        return this.raft.onFetch(from, msg);
      case "RaftFetchResponse":
        return this.raft.onFetchResponse(msg);
      case "MetadataFetch":
        return this.raft.onObserverFetch(from, msg);
      case "BrokerRegistration":
      case "BrokerHeartbeat":
      case "AlterPartition":
      case "CreateTopics":
        if (this.controller !== null) return this.controller.onMessage(from, msg);
        return this.notController(from, msg);
      default:
        return; // a controller serves no other API
    }
  }

  /** QuorumController's NotControllerException, with the Raft leader this node knows. */
  private notController(to: NodeId, msg: KafkaMessage & { readonly correlationId: number }): void {
    const controllerId = this.raft.leaderId !== null && this.raft.leaderId !== this.raftSettings.localId ? this.raft.leaderId : -1;
    const error = Errors.NOT_CONTROLLER;
    const correlationId = msg.correlationId;
    if (msg.kind === "BrokerRegistration") this.env.send(to, { kind: "BrokerRegistrationResponse", correlationId, error, brokerEpoch: -1, controllerId });
    else if (msg.kind === "BrokerHeartbeat") this.env.send(to, { kind: "BrokerHeartbeatResponse", correlationId, error, isCaughtUp: false, isFenced: true, shouldShutDown: false, controllerId });
    else if (msg.kind === "CreateTopics") this.env.send(to, { kind: "CreateTopicsResponse", correlationId, topics: msg.topics.map((t) => ({ name: t.name, error, errorMessage: null, numPartitions: -1, replicationFactor: -1 })), controllerId });
    else this.env.send(to, { kind: "AlterPartitionResponse", correlationId, error, partitions: [], controllerId });
  }

  onTimer(timer: QuorumNodeTimer): void {
    if (timer.kind === "ActiveControllerTimer") {
      if (timer.activation === this.activation && this.controller !== null) this.controller.onTimer(timer.timer);
      return;
    }
    this.raft.onTimer(timer);
  }

  /**
   * SIGTERM: the Raft client shuts down gracefully (KafkaRaftClientDriver.initiateShutdown gives
   * it 5 s): an active controller resigns, tells the voters, and exits once another leads.
   */
  onStop(done: () => void): void {
    this.raft.beginShutdown(RAFT_SHUTDOWN_TIMEOUT_MS, done);
  }

  onDisconnect(peer: NodeId): void {
    this.raft.onDisconnect(peer);
  }
}
