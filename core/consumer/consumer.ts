// A KafkaConsumer in a group (classic protocol) with its application: a poll loop that
// processes every record it gets (each taking the app's processing time), commits as the
// scenario says (auto-commit from poll, or commitSync/commitAsync after processing, or
// commitSync before processing), and rejoins when the group rebalances. Eager assignors
// revoke everything before joining; when every configured assignor is cooperative
// (KIP-429) the member keeps consuming what it owns and gives up only what moved.
// With group.protocol=consumer (KIP-848) the member heartbeats ConsumerGroupHeartbeat instead
// and reconciles in poll(): revoke (committing first with auto-commit), then take new partitions.
// The heartbeat "thread" is a timer, so it keeps beating while the application processes;
// a GC pause (the world pausing the node) stops both, as in a real JVM.

import { brokerNode } from "../cluster-names.ts";
import { InFlightRequests } from "../client/in-flight.ts";
import type { ConsumerSettings } from "../config/index.ts";
import type { Env, NodeId, SimNode, TimerHandle } from "../env.ts";
import { Errors, type ErrorCode } from "../protocol/errors.ts";
import type { OffsetFetchResponse, PartitionList } from "../protocol/group-messages.ts";
import type { ConsumerGroupMetadata } from "../producer/txn-offset-commit-handler.ts";
import type { KafkaMessage } from "../protocol/messages.ts";
import type { ConsumerContext, ConsumerPending } from "./consumer-context.ts";
import { ConsumerCoordinator, type MembershipListener } from "./coordinator-client.ts";
import { ConsumerMembershipManager } from "./consumer-membership.ts";
import { AssignmentReconciler, sortPartitions } from "./assignment-reconciler.ts";
import { Fetcher, type PolledSlice } from "./fetcher.ts";
import type { ConsumeObserver, ConsumerApp } from "./observer.ts";
import { CommitDriver } from "./commit-driver.ts";
import { ExponentialBackoff } from "../client/exponential-backoff.ts";
import { ReconnectBackoff } from "../client/reconnect-backoff.ts";
import { assertNever } from "../assert-never.ts";
import { CONSUMER_METADATA_RETRY, POLL_WAKE, PROCESSING_DONE, type ConsumerTimer } from "./consumer-timers.ts";

type AppState = "idle" | "processing" | "committing" | "dead";


export class KafkaConsumer implements SimNode<KafkaMessage, ConsumerTimer> {
  private env!: Env<KafkaMessage, ConsumerTimer>;
  private inFlight!: InFlightRequests<ConsumerPending>;
  private ctx!: ConsumerContext;
  private metadataFailures = 0;
  private coordinator!: ConsumerCoordinator;
  private fetcher!: Fetcher;
  private commits!: CommitDriver;
  private app: AppState = "idle";
  private inPoll = false;
  private pollAgain = false;
  private bootstrapCursor = 0;
  private nextAutoCommitUs = 0;
  private offsetFetchInFlight = false;
  /** The member's last assignment: the subscription's ownedPartitions / sticky user data. */
  private lastAssignment: PartitionList = [];
  private readonly slices: PolledSlice[] = [];
  /** When each polled record's processing ends, from the start of processing (reused poll to poll). */
  private doneUs = new Float64Array(64);
  private processingTotalUs = 0;
  /** The one pending poll-wake timer (auto-commit due, OffsetFetch retry) and when it fires. */
  private wakeTimer: TimerHandle | null = null;
  private wakeAtUs = 0;
  private readonly cooperative: boolean;
  /** KIP-848 only: the membership manager and its reconciliation in the poll loop. */
  private membership: ConsumerMembershipManager | null = null;
  private reconciler: AssignmentReconciler | null = null;

  constructor(
    readonly groupId: string,
    readonly topic: string,
    private readonly settings: ConsumerSettings,
    private readonly brokerIds: readonly number[],
    private readonly appModel: ConsumerApp,
    private readonly observer: ConsumeObserver,
  ) {
    // ConsumerCoordinator: the protocol is COOPERATIVE only if every assignor supports it.
    this.cooperative = settings.partitionAssignmentStrategy.every((s) => s === "cooperative-sticky");
  }

  onStart(env: Env<KafkaMessage, ConsumerTimer>): void {
    this.env = env;
    this.inFlight = new InFlightRequests<ConsumerPending>(env);
    this.bootstrapCursor = env.rng.int(this.brokerIds.length);
    const connections = new ReconnectBackoff(env, env.rng.fork("reconnect"), this.settings.reconnectBackoffMs, this.settings.reconnectBackoffMaxMs);
    this.ctx = {
      env,
      settings: this.settings,
      groupId: this.groupId,
      topic: this.topic,
      observer: this.observer,
      request: (to, info, timeoutMs, build) => {
        const correlationId = this.inFlight.add(to, info, timeoutMs);
        env.send(to, build(correlationId));
        return correlationId;
      },
      partitionCount: () => this.fetcher.partitionCount,
      partitionRacks: () => this.fetcher.partitionRacks,
      anyBroker: () => this.leastLoadedNode(),
      connections,
      retryBackoff: new ExponentialBackoff(this.settings.retryBackoffMs, this.settings.retryBackoffMaxMs, env.rng.fork("retry-backoff")),
    };
    this.fetcher = new Fetcher(this.ctx, (e) => this.fatal(e));
    const listener: MembershipListener = {
      onAssignment: (generation, assignment) => this.onAssignment(generation, assignment),
      onMembershipLost: (reason) => this.losePartitions(reason),
      wake: () => this.wake(),
      fatal: (e) => this.fatal(e),
      owned: () => (this.cooperative ? this.fetcher.ownedPartitions() : this.lastAssignment),
    };
    if (this.settings.groupProtocol === "consumer") {
      this.membership = new ConsumerMembershipManager(this.ctx, this.settings.groupInstanceId, {
        ...listener,
        wake: () => {
          this.membership?.maybeHeartbeat();
          this.wake();
        },
        owned: () => sortPartitions(this.fetcher.ownedPartitions()),
        onTargetAssignment: (epoch, assignment) => {
          this.reconciler?.onTarget(epoch, assignment);
          this.wake();
        },
      });
      this.coordinator = this.membership;
    } else this.coordinator = new ConsumerCoordinator(this.ctx, this.settings.groupInstanceId, listener);
    this.commits = new CommitDriver(env, this.settings, this.ctx.retryBackoff, this.coordinator, () => this.fetcher.consumedOffsets());
    if (this.membership !== null) {
      const { groupId, settings, observer, fetcher, commits, membership } = this;
      const block = (): void => {
        this.app = "committing";
      };
      this.reconciler = new AssignmentReconciler({ env, groupId, settings, observer, fetcher, commits, membership, block, resume: () => this.resume() });
    }
    this.nextAutoCommitUs = env.now() + this.settings.autoCommitIntervalMs * 1000;
    this.fetcher.requestMetadata();
    this.wake();
  }

  /** NetworkClient.leastLoadedNode, simplified: the next broker in round robin not in reconnect backoff. */
  private leastLoadedNode(): NodeId {
    const n = this.brokerIds.length;
    for (let i = 0; i < n; i++) {
      const node = brokerNode(this.brokerIds[(this.bootstrapCursor + i) % n]!);
      if (this.ctx.connections.isUnavailable(node)) continue;
      this.bootstrapCursor += i + 1;
      return node;
    }
    return brokerNode(this.brokerIds[this.bootstrapCursor++ % n]!);
  }

  // ---- the application's poll loop ---------------------------------------------------------

  private wake(): void {
    if (this.inPoll) {
      this.pollAgain = true;
      return;
    }
    if (this.app !== "idle") return;
    this.inPoll = true;
    do {
      this.pollAgain = false;
      this.pollOnce();
    } while (this.pollAgain && this.app === "idle");
    this.inPoll = false;
  }

  /** KafkaConsumer.poll: group upkeep, positions, collect buffered records, send fetches. */
  private pollOnce(): void {
    const now = this.env.now();
    this.coordinator.lastPollUs = now;
    if (this.fetcher.metadataStale()) this.fetcher.requestMetadata();
    if (this.membership !== null) {
      if (this.coordinator.ensureCoordinator()) this.membership.onPoll();
      if (this.reconciler!.reconcile()) return;
    }
    if (this.coordinator.ensureCoordinator() && this.fetcher.partitionCount > 0 && this.coordinator.needsJoin()) {
      if (this.settings.enableAutoCommit && this.coordinator.state === "STABLE") {
        // ConsumerCoordinator.onJoinPrepare: maybeAutoCommitOffsetsSync before rejoining.
        this.app = "committing";
        this.commits.commitSync(this.fetcher.consumedOffsets(), "before rebalance", () => this.joinNow());
        return;
      }
      if (this.joinPrepare !== null && this.coordinator.state === "STABLE") {
        // The application's rebalance listener (Streams commits its tasks before they can move).
        this.app = "committing";
        this.joinPrepare(() => this.joinNow());
        return;
      }
      this.joinNow();
    }
    this.maybeAutoCommit(now);
    this.initPositions();
    const n = this.fetcher.drain(this.settings.maxPollRecords, this.slices);
    const backoffUs = this.fetcher.sendFetches();
    if (backoffUs < Infinity) this.wakeIn(backoffUs);
    if (n === 0) return this.armWake();
    this.deliver();
    if (this.settings.commitMode === "before-processing") {
      this.app = "committing";
      this.commits.commitSync(this.fetcher.consumedOffsets(), "before processing", () => this.startProcessing());
      return;
    }
    this.startProcessing();
  }

  /** onJoinPrepare (eager: revoke everything) and send JoinGroup. */
  private joinNow(): void {
    if (this.app === "committing") this.app = "idle";
    if (!this.cooperative && this.fetcher.assigned.size > 0) {
      this.env.emit({ kind: "PartitionsRevoked", group: this.groupId, member: this.coordinator.memberId, partitions: this.fetcher.ownedPartitions().map((p) => p.partition), protocol: "eager" });
      this.fetcher.setAssignment([]);
    }
    if (this.coordinator.needsJoin() && this.coordinator.coordinator !== null) this.coordinator.startJoin();
    this.wake();
  }

  private maybeAutoCommit(now: number): void {
    if (!this.settings.enableAutoCommit || now < this.nextAutoCommitUs) return;
    this.nextAutoCommitUs = now + this.settings.autoCommitIntervalMs * 1000;
    if (this.coordinator.state === "STABLE") this.commits.commitAsync(this.fetcher.consumedOffsets());
  }

  private initPositions(): void {
    const need = this.fetcher.needingCommitted();
    const coordinator = this.coordinator.coordinator;
    if (need.length > 0 && !this.offsetFetchInFlight && coordinator !== null) {
      this.offsetFetchInFlight = true;
      for (const a of need) a.lookupInFlight = true;
      this.ctx.request(coordinator, { type: "offset-fetch" }, this.settings.requestTimeoutMs, (correlationId) => ({
        kind: "OffsetFetch",
        correlationId,
        groupId: this.groupId,
        partitions: need.map((a) => ({ topic: a.topic, partition: a.partition })),
        // KafkaConsumer: a read_committed consumer asks for stable offsets only (KIP-447).
        ...(this.settings.isolationLevel === "read_committed" ? { requireStable: true as const } : {}),
      }));
    }
    this.fetcher.resetPositions();
    // updateFetchPositions: validatePositionsIfNeeded (KIP-320), woken again after a retry backoff.
    const retryUs = this.fetcher.validatePositions();
    if (retryUs < Infinity) this.wakeIn(retryUs);
  }

  /** An idle poll loop wakes for the next auto-commit (poll() commits when it is due). */
  private armWake(): void {
    if (!this.settings.enableAutoCommit) return;
    this.wakeIn(Math.max(0, this.nextAutoCommitUs - this.env.now()));
  }

  /** Wakes the poll loop after `delayUs`; one timer, the earliest asked for (the loop re-arms on waking). */
  private wakeIn(delayUs: number): void {
    const at = this.env.now() + delayUs;
    if (this.wakeTimer !== null && this.wakeAtUs <= at) return;
    if (this.wakeTimer !== null) this.env.cancelTimer(this.wakeTimer);
    this.wakeAtUs = at;
    this.wakeTimer = this.env.setTimer(delayUs, POLL_WAKE);
  }

  private deliver(): void {
    const generation = this.coordinator.generation;
    const member = this.env.nodeId;
    for (const s of this.slices) {
      this.observer.delivered(this.groupId, member, generation, s.tp.topic, s.tp.partition, s.firstOffset, s.lastOffset, s.tp.highWatermark);
    }
  }

  /** The application processes the polled records one after another. */
  private startProcessing(): void {
    let total = 0;
    let n = 0;
    for (const s of this.slices) n += s.count;
    if (this.doneUs.length < n) this.doneUs = new Float64Array(Math.max(n, 2 * this.doneUs.length));
    n = 0;
    for (const s of this.slices) {
      for (let k = 0; k < s.count; k++) {
        const t = Math.max(0, Math.round(this.appModel.processingTimeUs(this.env.rng)));
        total += t;
        this.doneUs[n++] = total;
      }
    }
    this.processingTotalUs = total;
    this.app = "processing";
    this.env.setTimer(total, PROCESSING_DONE);
  }

  private onProcessed(): void {
    const start = this.env.now() - this.processingTotalUs;
    const member = this.env.nodeId;
    let records = 0;
    for (const s of this.slices) {
      for (let j = 0; j < s.batches.length; j++) {
        const b = s.batches[j]!;
        const n = s.to[j]! - s.from[j]!;
        let gap = 0;
        for (let r = records + 1; r < records + n; r++) gap = Math.max(gap, this.doneUs[r]! - this.doneUs[r - 1]!);
        this.observer.processed(this.groupId, member, s.tp.topic, s.tp.partition, b, s.from[j]!, s.to[j]!, start + this.doneUs[records]!, start + this.doneUs[records + n - 1]!, gap);
        records += n;
      }
    }
    this.slices.length = 0;
    this.env.emit({ kind: "RecordsProcessed", group: this.groupId, records, tookMs: Math.round(this.processingTotalUs / 1000) });
    this.app = "idle";
    if (this.runTask()) return;
    if (this.settings.commitMode === "sync-after-processing") {
      this.app = "committing";
      this.commits.commitSync(this.fetcher.consumedOffsets(), "after processing", () => this.resume());
      return;
    }
    if (this.settings.commitMode === "async-after-processing") this.commits.commitAsync(this.fetcher.consumedOffsets());
    this.wake();
  }

  private resume(): void {
    this.app = "idle";
    if (this.runTask()) return;
    this.wake();
  }

  // ---- a Streams thread's calls (pipelines) ------------------------------------------------

  /** Runs before the member rejoins a rebalance while it still holds its partitions (onPartitionsRevoked's commit). */
  private joinPrepare: ((done: () => void) => void) | null = null;

  setJoinPrepare(listener: (done: () => void) => void): void {
    this.joinPrepare = listener;
  }

  /** A task the application thread runs between polls (a Streams commit): it blocks the loop until `done`. */
  private task: ((done: () => void) => void) | null = null;

  /** Runs `task` on the application thread as soon as it is between polls (now, if it is). */
  runBetweenPolls(task: (done: () => void) => void): void {
    if (this.app === "dead") return;
    this.task = task;
    if (this.app === "idle" && !this.inPoll) this.runTask();
  }

  private runTask(): boolean {
    const task = this.task;
    if (task === null || this.app !== "idle") return false;
    this.task = null;
    this.app = "committing";
    task(() => this.resume());
    return true;
  }

  /** KafkaConsumer.groupMetadata(): what a transactional producer's TxnOffsetCommit carries (KIP-447). */
  groupMetadata(): ConsumerGroupMetadata {
    return { groupId: this.groupId, generationId: this.coordinator.generation, memberId: this.coordinator.memberId, groupInstanceId: this.settings.groupInstanceId };
  }

  /** The positions of the partitions it consumes (what a commit covers). */
  positions(): { topic: string; partition: number; offset: number }[] {
    return this.fetcher.consumedOffsets();
  }

  /** commitSync(offsets): retried as the application's commitSync is; `done` either way. */
  commitSync(offsets: readonly { topic: string; partition: number; offset: number }[], done: () => void): void {
    this.commits.commitSync(offsets, "pipeline commit", done);
  }

  /**
   * Every assigned partition goes back to its committed offset (a Streams task closed dirty and
   * revived after a failed transaction: what it processed since is processed again).
   */
  rewindToCommitted(): void {
    this.fetcher.rewindToCommitted();
  }

  // ---- group callbacks ---------------------------------------------------------------------

  private onAssignment(generation: number, assignment: PartitionList): void {
    const before = this.fetcher.ownedPartitions();
    const keep = new Set(assignment.map((p) => `${p.topic}-${p.partition}`));
    const revoked = before.filter((p) => !keep.has(`${p.topic}-${p.partition}`));
    this.fetcher.setAssignment(assignment);
    this.lastAssignment = assignment;
    this.observer.assigned(this.groupId, this.env.nodeId, generation, assignment, revoked.length, this.env.now());
    this.env.emit({ kind: "AssignmentReceived", group: this.groupId, member: this.coordinator.memberId, generation, partitions: assignment.map((p) => p.partition), revoked: revoked.map((p) => p.partition) });
    // KIP-429: partitions that moved are revoked now and handed over in a second rebalance.
    if (this.cooperative && revoked.length > 0) this.coordinator.requestRejoin("need to revoke partitions and re-join");
    this.wake();
  }

  /** ConsumerCoordinator.onPartitionsLost: no commit, the partitions are simply gone. */
  private losePartitions(reason: string): void {
    const lost = this.fetcher.assigned.size;
    if (lost > 0) {
      this.env.emit({ kind: "PartitionsLost", group: this.groupId, partitions: this.fetcher.ownedPartitions().map((p) => p.partition), reason });
    }
    this.fetcher.setAssignment([]);
    if (this.membership !== null) {
      // KIP-848: what the member lost is no longer its own, and a stale target is void.
      this.reconciler!.clear();
      if (lost > 0) this.observer.assigned(this.groupId, this.env.nodeId, -1, [], lost, this.env.now());
    }
  }

  private fatal(error: string): void {
    if (this.app === "dead") return;
    this.app = "dead";
    this.env.emit({ kind: "ConsumerFailed", group: this.groupId, error });
    this.fetcher.setAssignment([]);
  }

  // ---- messages, timers, failures ----------------------------------------------------------

  onMessage(from: NodeId, msg: KafkaMessage): void {
    this.ctx.connections.connected(from);
    if (!("correlationId" in msg)) return;
    const r = this.inFlight.complete(msg.correlationId);
    if (r === undefined) return;
    this.dispatch(r.info, msg, Errors.NONE);
  }

  private dispatch(info: ConsumerPending, msg: KafkaMessage | null, failure: ErrorCode): void {
    switch (info.type) {
      case "metadata":
        // Metadata's refresh backoff grows with each failed refresh (KIP-580) and resets on success.
        if (this.fetcher.onMetadata(msg?.kind === "MetadataResponse" ? msg : null)) this.metadataFailures = 0;
        else this.env.setTimer(this.ctx.retryBackoff.backoffUs(this.metadataFailures++), CONSUMER_METADATA_RETRY);
        break;
      case "fetch":
        this.fetcher.onFetchResponse(info.node, msg?.kind === "FetchResponse" ? msg : null, info.offsets);
        break;
      case "list-offsets":
        this.fetcher.onListOffsets(msg?.kind === "ListOffsetsResponse" ? msg : null);
        break;
      case "offsets-for-leader-epoch":
        this.fetcher.onOffsetsForLeaderEpoch(msg?.kind === "OffsetsForLeaderEpochResponse" ? msg : null, info.positions);
        break;
      case "offset-fetch":
        this.onOffsetFetch(msg?.kind === "OffsetFetchResponse" ? msg : null);
        break;
      case "find-coordinator":
        if (msg?.kind === "FindCoordinatorResponse") this.coordinator.onFindCoordinator(msg.error, msg.nodeId);
        else this.coordinator.onRequestFailed("find-coordinator", failure);
        break;
      case "join":
        if (msg?.kind === "JoinGroupResponse") this.coordinator.onJoinResponse(msg);
        else this.coordinator.onRequestFailed("join", failure);
        break;
      case "sync":
        if (msg?.kind === "SyncGroupResponse") this.coordinator.onSyncResponse(msg);
        else this.coordinator.onRequestFailed("sync", failure);
        break;
      case "heartbeat":
        if (msg?.kind === "ConsumerGroupHeartbeatResponse") this.membership?.onConsumerGroupHeartbeatResponse(msg);
        else if (msg?.kind === "HeartbeatResponse") this.coordinator.onHeartbeatResponse(msg.error);
        else this.coordinator.onRequestFailed("heartbeat", failure);
        break;
      case "leave":
        this.commits.onLeaveAnswered();
        break;
      case "commit":
        this.coordinator.onCommitResponse(info.id, msg?.kind === "OffsetCommitResponse" ? msg : null, failure);
        break;
    }
    this.wake();
  }

  private onOffsetFetch(msg: OffsetFetchResponse | null): void {
    this.offsetFetchInFlight = false;
    // ConsumerCoordinator's OffsetFetchResponseHandler: any partition's UNSTABLE_OFFSET_COMMIT (a
    // transaction still holds offsets) fails the whole fetch, which is retried after the backoff.
    const unstable = msg?.partitions.some((p) => p.error === Errors.UNSTABLE_OFFSET_COMMIT) === true;
    if (msg === null || msg.error !== Errors.NONE || unstable) {
      for (const a of this.fetcher.assigned.values()) if (a.phase === "committed") a.lookupInFlight = false;
      if (msg !== null && (msg.error === Errors.NOT_COORDINATOR || msg.error === Errors.COORDINATOR_NOT_AVAILABLE)) this.coordinator.markCoordinatorUnknown(`OffsetFetch: ${msg.error}`);
      this.wakeIn(this.settings.retryBackoffMs * 1000);
      return;
    }
    this.fetcher.onCommittedOffsets(msg.partitions);
  }

  onTimer(timer: ConsumerTimer): void {
    switch (timer.kind) {
      case "RequestTimeout": {
        const failed = this.inFlight.timedOut(timer);
        if (failed !== undefined) this.dispatch(failed.info, null, Errors.REQUEST_TIMED_OUT);
        return;
      }
      case "HeartbeatThreadTimer":
      case "ConsumerGroupHeartbeatTimer":
      case "FindCoordinatorRetryTimer":
      case "RejoinBackoffTimer":
        this.coordinator.onTimer(timer);
        this.wake();
        return;
      case "CommitRetryTimer":
        this.commits.onRetryDue();
        this.wake();
        return;
      case "ProcessingDoneTimer":
        if (this.app === "processing") this.onProcessed();
        return;
      case "ConsumerMetadataRetryTimer":
        this.fetcher.requestMetadata();
        return;
      case "PollWakeTimer":
        this.wakeTimer = null;
        this.wake();
        return;
      default:
        assertNever(timer);
    }
  }

  onDisconnect(peer: NodeId): void {
    this.ctx.connections.failed(peer);
    if (peer === this.coordinator.coordinator) this.coordinator.markCoordinatorUnknown("disconnected");
    this.fetcher.requestMetadata();
    for (const r of this.inFlight.disconnected(peer)) this.dispatch(r.info, null, Errors.NETWORK_EXCEPTION);
  }

  /** KafkaConsumer.close: commit (auto-commit), then leave the group (dynamic members only). */
  onStop(done: () => void): void {
    const leave = (): void => {
      this.coordinator.maybeLeaveGroup("the consumer is being closed");
      this.app = "dead";
      done();
    };
    if (this.settings.enableAutoCommit && this.coordinator.state === "STABLE" && this.app !== "dead") {
      this.app = "committing";
      this.commits.commitSync(this.fetcher.consumedOffsets(), "close", leave);
      return;
    }
    leave();
  }

  // ---- views -------------------------------------------------------------------------------

  get memberState(): string {
    return this.coordinator.state;
  }

  get generation(): number {
    return this.coordinator.generation;
  }

  /** "classic" (JoinGroup/SyncGroup generations) or "consumer" (KIP-848 member epochs). */
  get groupProtocol(): ConsumerSettings["groupProtocol"] {
    return this.settings.groupProtocol;
  }

  ownedPartitions(): PartitionList {
    return this.fetcher.ownedPartitions();
  }
}
