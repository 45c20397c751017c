// One instance of a consume-transform-produce application (a Kafka Streams instance with one
// stream thread): a KafkaConsumer in the application's group and a producer, in one process.
// Each processed input record is produced, same key and size, to the output topic. Every
// commit.interval.ms the thread commits between polls (TaskExecutor.commitOffsetsOrTransaction):
// - exactly_once_v2 (KIP-447, one transactional producer per thread, StreamsProducer): once
//   every output of the open transaction is handed to send(), sendOffsetsToTransaction(the
//   consumer's positions, its groupMetadata()), then commitTransaction(). A transaction that
//   aborts (an abortable error: a failed batch, a TxnOffsetCommit fenced by a rebalance) is
//   aborted, and the thread goes back to the committed offsets (its tasks closed dirty and
//   revived); a fenced producer is replaced by a new one with the same transactional.id.
// - at_least_once: flush(), wait until every output is acknowledged, then commitSync(positions).
//   A crash between the two produces those outputs again.
// Before its consumer rejoins a rebalance the thread commits (StreamThread's rebalance listener,
// onPartitionsRevoked). A transaction whose inputs were processed under an older generation
// or member id than the consumer's now (its partitions were lost, not revoked) is aborted
// (TaskMigratedException): its offsets would be committed under a generation that no longer
// owns them, or, with the old one, refused by the coordinator (KIP-447).

import type { ConsumerSettings, ProducerSettings } from "../config/index.ts";
import type { StreamsSettings } from "../config/streams-config.ts";
import { KafkaConsumer } from "../consumer/consumer.ts";
import type { ConsumerTimer } from "../consumer/consumer-timers.ts";
import type { ConsumeObserver } from "../consumer/observer.ts";
import type { Env, NodeId, Rng, SimNode } from "../env.ts";
import { Errors, type ErrorCode } from "../protocol/errors.ts";
import type { KafkaMessage } from "../protocol/messages.ts";
import type { RecordBatch } from "../protocol/records.ts";
import { Producer } from "../producer/producer.ts";
import type { ProducerTimer } from "../producer/producer-timers.ts";
import type { ProduceObserver } from "../producer/workload.ts";
import type { ConsumerGroupMetadata } from "../producer/txn-offset-commit-handler.ts";
import { assertNever } from "../assert-never.ts";
import { clientEnv, routed, SLOTS } from "./client-mux.ts";
import { OutputQueue } from "./output-queue.ts";
import { PIPELINE_COMMIT, PIPELINE_STEP, type PipelineTimer } from "./pipeline-timers.ts";

export interface PipelineConfig {
  readonly group: string;
  readonly from: string;
  readonly to: string;
  readonly streams: StreamsSettings;
  readonly consumer: ConsumerSettings;
  readonly producer: ProducerSettings;
  processingTimeUs(rng: Rng): number;
}

/** Where an instance reports: the consumer and producer histories, and each output's input. */
export interface PipelineObserver {
  readonly consumed: ConsumeObserver;
  readonly produced: ProduceObserver;
  /** A run-unique rid for the output of input record `inputRid`. */
  outputOf(inputRid: number): number;
}

/** How long a commit waits before it looks at its producer again. */
const STEP_US = 1000;

type Commit = { readonly done: () => void; phase: "outputs" | "offsets" | "ending" | "flushing" };

export class PipelineInstance implements SimNode<KafkaMessage, PipelineTimer> {
  private env!: Env<KafkaMessage, PipelineTimer>;
  private consumer!: KafkaConsumer;
  private producer!: Producer;
  private producerSlot = 0;
  private incarnation = 0;
  private queue!: OutputQueue;
  /** Records processed since the last commit. */
  private dirty = false;
  private commit: Commit | null = null;
  /** How the open transaction ended (the ProduceObserver's report), until the commit reads it. */
  private ended: "committed" | "aborted" | "fenced" | "failed" | null = null;
  /** at_least_once: an output failed for good since the last commit. */
  private outputFailed = false;
  /** The consumer's group metadata when the open transaction's first input was processed, and whether a later one saw another. */
  private txnGroup: ConsumerGroupMetadata | null = null;
  private migrated = false;

  constructor(
    private readonly config: PipelineConfig,
    private readonly brokerIds: readonly number[],
    private readonly observer: PipelineObserver,
  ) {}

  private get eos(): boolean {
    return this.config.streams.processingGuarantee === "exactly_once_v2";
  }

  onStart(env: Env<KafkaMessage, PipelineTimer>): void {
    this.env = env;
    this.queue = new OutputQueue(() => env.now());
    const c = this.config;
    this.consumer = new KafkaConsumer(c.group, c.from, c.consumer, this.brokerIds, { processingTimeUs: (rng) => c.processingTimeUs(rng) }, this.consumeObserver());
    this.consumer.onStart(clientEnv<ConsumerTimer>(env, 0, env.rng.fork("consumer")));
    this.consumer.setJoinPrepare((done) => (this.dirty && this.commit === null ? this.beginCommit(done) : done()));
    this.startProducer();
    env.setTimer(c.streams.commitIntervalMs * 1000, PIPELINE_COMMIT);
  }

  /** A new producer (at start, and for a fenced one): InitProducerId fences whatever the last one left open. */
  private startProducer(): void {
    this.producerSlot = 1 + (this.incarnation % (SLOTS - 1));
    const env = this.env;
    const plan = this.eos ? { records: null, everyUs: null, abort: 0, byApplication: true as const } : null;
    this.producer = new Producer(env.nodeId, this.config.to, this.config.producer, this.brokerIds, this.queue, this.produceObserver(), plan);
    this.producer.onStart(clientEnv<ProducerTimer>(env, this.producerSlot, env.rng.fork(`producer-${this.incarnation}`)));
    this.incarnation++;
  }

  private consumeObserver(): ConsumeObserver {
    const history = this.observer.consumed;
    return {
      processed: (group, member, topic, partition, batch, from, to, firstDoneUs, lastDoneUs, longestGapUs) => {
        history.processed(group, member, topic, partition, batch, from, to, firstDoneUs, lastDoneUs, longestGapUs);
        this.transform(batch, from, to);
      },
      delivered: (...a) => history.delivered(...a),
      committed: (...a) => history.committed(...a),
      assigned: (...a) => history.assigned(...a),
      positionInitialized: (...a) => history.positionInitialized(...a),
      logTruncation: (...a) => history.logTruncation(...a),
    };
  }

  private produceObserver(): ProduceObserver {
    const history = this.observer.produced;
    return {
      sent: (...a) => history.sent(...a),
      sealed: (...a) => history.sealed(...a),
      acknowledged: (...a) => history.acknowledged(...a),
      failed: (records, error, atUs) => {
        history.failed(records, error, atUs);
        this.outputFailed = true;
      },
      refused: (rid, producer, topic, error, atUs) => {
        history.refused(rid, producer, topic, error, atUs);
        this.outputFailed = true;
      },
      errorResponse: (...a) => history.errorResponse(...a),
      transactionBegan: (...a) => history.transactionBegan(...a),
      transactionEnded: (transaction, outcome, atUs) => {
        history.transactionEnded(transaction, outcome, atUs);
        this.ended = outcome;
      },
    };
  }

  /** The application's process(): one output per input row, same key and value size. */
  private transform(batch: RecordBatch, from: number, to: number): void {
    const group = this.consumer.groupMetadata();
    if (this.txnGroup === null) this.txnGroup = group;
    else if (group.generationId !== this.txnGroup.generationId || group.memberId !== this.txnGroup.memberId) this.migrated = true;
    for (let i = from; i < to; i++) {
      this.queue.push(this.observer.outputOf(batch.ridAt(i)), batch.keyAt(i), batch.isTombstoneAt(i) ? null : batch.valueSizeAt(i));
    }
    this.dirty = true;
    this.producer.wakeApplication();
  }

  // ---- commits -----------------------------------------------------------------------------

  private onCommitDue(): void {
    this.env.setTimer(this.config.streams.commitIntervalMs * 1000, PIPELINE_COMMIT);
    if (this.commit !== null) return;
    const fenced = this.producer.transactionState === "FATAL_ERROR";
    if (this.dirty || fenced) this.consumer.runBetweenPolls((done) => this.beginCommit(done));
  }

  private beginCommit(done: () => void): void {
    this.commit = { done, phase: this.eos ? "outputs" : "flushing" };
    if (!this.eos) this.producer.flush();
    this.step();
  }

  /** One step of the commit: what it waits for is there, or it looks again shortly. */
  private step(): void {
    const c = this.commit;
    if (c === null) return;
    if (!this.eos) return this.stepAtLeastOnce(c);
    const state = this.producer.transactionState;
    // A fenced producer ends the commit whatever it was waiting for (its open transaction is the coordinator's to abort).
    if (state === "FATAL_ERROR") return this.replaceProducer();
    switch (c.phase) {
      case "outputs":
        if (state === "ABORTABLE_ERROR") return this.abort();
        if (this.queue.size === 0 && state === "IN_TRANSACTION") return this.migrated ? this.abort() : this.sendOffsets(c);
        if (this.queue.size === 0 && state === "READY" && this.ended === null) return this.finish(); // nothing was open
        break;
      case "ending":
        if (this.ended !== null) return this.transactionEnded(this.ended);
        break;
      case "offsets":
      case "flushing":
        break;
      default:
        assertNever(c.phase);
    }
    this.env.setTimer(STEP_US, PIPELINE_STEP);
  }

  private sendOffsets(c: Commit): void {
    c.phase = "offsets";
    this.producer.sendOffsetsToTransaction(this.consumer.positions(), this.txnGroup ?? this.consumer.groupMetadata(), (error: ErrorCode) => {
      if (this.commit !== c) return;
      if (this.producer.transactionState === "FATAL_ERROR") return this.replaceProducer();
      c.phase = "ending";
      this.ended = null;
      this.producer.endTransactionNow(error !== Errors.NONE);
      this.step();
    });
  }

  private abort(): void {
    this.commit!.phase = "ending";
    this.ended = null;
    this.queue.clear();
    this.producer.endTransactionNow(true);
    this.step();
  }

  private transactionEnded(outcome: "committed" | "aborted" | "fenced" | "failed"): void {
    this.ended = null;
    if (outcome === "fenced" || outcome === "failed") return this.replaceProducer();
    if (outcome === "aborted") this.rewind();
    this.finish();
  }

  /** TaskMigratedException: the fenced producer is closed, a new one initializes, the tasks restart from their commits. */
  private replaceProducer(): void {
    this.ended = null;
    this.startProducer();
    this.rewind();
    this.finish();
  }

  private rewind(): void {
    this.queue.clear();
    this.consumer.rewindToCommitted();
  }

  private stepAtLeastOnce(c: Commit): void {
    if (this.queue.size > 0 || this.producer.hasPendingBatches()) {
      this.producer.flush();
      this.env.setTimer(STEP_US, PIPELINE_STEP);
      return;
    }
    if (this.outputFailed) {
      // Streams' default production exception handler fails the thread; its replacement starts from the commits.
      this.outputFailed = false;
      this.rewind();
      return this.finish();
    }
    c.phase = "offsets";
    this.consumer.commitSync(this.consumer.positions(), () => this.finish());
  }

  private finish(): void {
    const c = this.commit;
    this.commit = null;
    this.dirty = false;
    this.txnGroup = null;
    this.migrated = false;
    c?.done();
  }

  // ---- events ------------------------------------------------------------------------------

  onMessage(from: NodeId, msg: KafkaMessage): void {
    const r = routed(msg);
    if (r === null) return;
    if (r.slot === 0) this.consumer.onMessage(from, r.msg);
    else if (r.slot === this.producerSlot) this.producer.onMessage(from, r.msg);
  }

  onTimer(timer: PipelineTimer): void {
    switch (timer.kind) {
      case "PipelineClientTimer":
        if (timer.slot === 0) this.consumer.onTimer(timer.timer as ConsumerTimer);
        else if (timer.slot === this.producerSlot) this.producer.onTimer(timer.timer as ProducerTimer);
        return;
      case "PipelineCommitTimer":
        return this.onCommitDue();
      case "PipelineStepTimer":
        return this.step();
      default:
        assertNever(timer);
    }
  }

  onDisconnect(peer: NodeId): void {
    this.consumer.onDisconnect(peer);
    this.producer.onDisconnect(peer);
  }

  /** A clean stop closes the consumer (it leaves the group); what the open transaction held is aborted by the restart's InitProducerId or by its timeout. */
  onStop(done: () => void): void {
    this.consumer.onStop(done);
  }
}
