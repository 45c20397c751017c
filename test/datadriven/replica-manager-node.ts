// One broker's replication, for the golden scripts in replica-manager/*.txt: the real
// ReplicaManager and Partition (the leader side), the real MetadataPublisher making the broker
// leader or follower, and the real ReplicaFetcher (the follower side). Requests and metadata
// in, ticks of the clock; out, the trace events and the messages the broker sends. It runs on
// the test harness (the real Scheduler; a MemDisk, so appends and fsyncs take no time). The
// clock starts at 1000 s, as Kafka's MockTime starts above 0, so "caught up at 0" is long ago.
//
// Commands (topic t, partition 0 unless topic=/partition= say otherwise):
//   broker id=N [min-isr=1] [lag-ms=30000]               start broker N
//   partition leader=N leader-epoch=E replicas=1,2,3 isr=1,2,3 [partition-epoch=E]
//                                                        a partition state from the metadata log
//   produce [acks=-1] [count=1] [timeout-ms=30000] [producer-id=P producer-epoch=E seq=S] [transactional]
//                                                        a Produce from producer-1
//   write-txn-markers producer-id=P [producer-epoch=0] result=commit|abort [coordinator-epoch=0]
//                                                        a WriteTxnMarkers from the transaction coordinator (broker-9)
//   fetch replica=N offset=O [last-fetched-epoch=E] [leader-epoch=E] [max-wait-ms=0] [isolation=read_committed]
//                                                        a follower's Fetch to this leader (replica=-1: consumer-1's)
//   shrink-isrs                                          the isr-expiration task
//   alter-partition-response isr=... [error=NONE] [partition-epoch=E]
//                                                        the controller's answer (epochs: current, next)
//   fetch-response hw=H [count=0] [epoch=E] [diverging-epoch=E diverging-end-offset=O]
//                                                        the leader's answer to this follower's last Fetch
//   tick ms=N                                            time passes (parked requests time out)
//   state                                                the partition as this broker sees it

import { MetadataPublisher } from "../../core/broker/metadata-publisher.ts";
import { ReplicaFetcherManager } from "../../core/broker/replica-fetcher-manager.ts";
import type { BrokerTimer } from "../../core/broker/broker-timers.ts";
import { ReplicaManager } from "../../core/broker/replica-manager.ts";
import { BROKER_CATALOG, brokerSettings, resolveConfig, resolveTopicConfig, topicSettings } from "../../core/config/index.ts";
import type { GroupCoordinator } from "../../core/group/group-coordinator.ts";
import type { TransactionCoordinator } from "../../core/txn/transaction-coordinator.ts";
import { PartitionLog } from "../../core/log/partition-log.ts";
import { Errors, type ErrorCode } from "../../core/protocol/errors.ts";
import { IsolationLevel, type FetchRequest, type KafkaMessage } from "../../core/protocol/messages.ts";
import { NO_PRODUCER_EPOCH, NO_PRODUCER_ID, NO_SEQUENCE, type RecordBatch } from "../../core/protocol/records.ts";
import { NodeEnv, TestClock } from "../harness/index.ts";
import { batch } from "../rules/batches.ts";
import { formatFields, formatKind, lines } from "./format.ts";
import type { Command } from "./script.ts";

const START_US = 1_000_000_000;
const LOG_CONFIG = { segmentBytes: 1 << 30, segmentMs: Infinity, flushMessages: Infinity };

interface Broker {
  readonly id: number;
  readonly env: NodeEnv<KafkaMessage, BrokerTimer>;
  readonly rm: ReplicaManager;
  readonly fetchers: ReplicaFetcherManager;
  readonly publisher: MetadataPublisher;
}

export class ReplicaManagerScript {
  private b!: Broker;
  private eventsSeen = 0;
  private sentSeen = 0;
  private correlationId = 0;

  readonly run = (cmd: Command): string => {
    switch (cmd.name) {
      case "broker":
        this.b = startBroker(cmd.int("id"), cmd.int("min-isr", 1), cmd.int("lag-ms", 30_000));
        return this.output();
      case "partition":
        return this.partitionState(cmd);
      case "produce":
        return this.step(() => this.b.rm.handleProduce("producer-1", {
          kind: "Produce",
          correlationId: ++this.correlationId,
          acks: cmd.int("acks", -1),
          timeoutMs: cmd.int("timeout-ms", 30_000),
          transactionalId: null,
          partitions: [{ topic: cmd.str("topic", "t"), partition: cmd.int("partition", 0), batch: produced(cmd) }],
        }));
      case "write-txn-markers":
        return this.step(() => this.b.rm.handleWriteTxnMarkers("broker-9", {
          kind: "WriteTxnMarkers",
          correlationId: ++this.correlationId,
          markers: [{ producerId: cmd.int("producer-id"), producerEpoch: cmd.int("producer-epoch", 0), transactionResult: cmd.str("result") === "commit", coordinatorEpoch: cmd.int("coordinator-epoch", 0), partitions: [{ topic: cmd.str("topic", "t"), partition: cmd.int("partition", 0) }] }],
        }));
      case "fetch": {
        const replica = cmd.int("replica");
        return this.step(() => this.b.rm.handleFetch(replica < 0 ? "consumer-1" : `broker-${replica}`, this.fetchRequest(cmd)));
      }
      case "shrink-isrs":
        return this.step(() => this.b.rm.maybeShrinkIsrs());
      case "alter-partition-response":
        return this.alterPartitionResponse(cmd);
      case "fetch-response":
        return this.fetchResponse(cmd);
      case "tick":
        return this.step(() => this.b.env.clock.advance(cmd.int("ms")));
      case "state":
        return this.state(cmd);
      default:
        throw new Error(`${cmd.where}: unknown command ${cmd.name}`);
    }
  };

  private partitionState(cmd: Command): string {
    const leaderEpoch = cmd.int("leader-epoch");
    const state = {
      topic: cmd.str("topic", "t"),
      partition: cmd.int("partition", 0),
      replicas: cmd.ints("replicas"),
      isr: cmd.ints("isr"),
      leader: cmd.int("leader"),
      leaderEpoch,
      partitionEpoch: cmd.int("partition-epoch", leaderEpoch),
      elr: [],
      lastKnownElr: [],
      lastChangeOffset: 0,
    };
    return this.step(() => this.b.publisher.publish([state]));
  }

  private fetchRequest(cmd: Command): FetchRequest {
    const p = this.b.rm.get(cmd.str("topic", "t"), cmd.int("partition", 0))!;
    return {
      kind: "Fetch",
      correlationId: ++this.correlationId,
      replicaId: cmd.int("replica"),
      replicaEpoch: 0,
      maxWaitMs: cmd.int("max-wait-ms", 0),
      minBytes: 1,
      maxBytes: 10 << 20,
      isolationLevel: cmd.str("isolation", "read_uncommitted") === "read_committed" ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED,
      partitions: [{ topic: p.topic, partition: p.partition, currentLeaderEpoch: cmd.int("leader-epoch", p.leaderEpoch), fetchOffset: cmd.int("offset"), lastFetchedEpoch: cmd.int("last-fetched-epoch", -1), partitionMaxBytes: 1 << 20 }],
    };
  }

  private alterPartitionResponse(cmd: Command): string {
    const p = this.b.rm.get(cmd.str("topic", "t"), cmd.int("partition", 0))!;
    const error = cmd.str("error", Errors.NONE) as ErrorCode;
    const result = { leaderEpoch: cmd.int("leader-epoch", p.leaderEpoch), isr: cmd.ints("isr", p.isr), partitionEpoch: cmd.int("partition-epoch", p.partitionEpoch + 1) };
    return this.step(() => this.b.rm.onAlterPartitionResult(p.topic, p.partition, error, error === Errors.NONE ? result : null));
  }

  /** Answers the last Fetch this broker sent as a follower. */
  private fetchResponse(cmd: Command): string {
    const sent = this.b.env.sentOf("Fetch");
    const req = sent.at(-1);
    if (req === undefined) throw new Error(`${cmd.where}: this broker has sent no Fetch`);
    const leaderId = Number(this.b.env.sent.filter((s) => s.msg === req)[0]!.to.slice("broker-".length));
    const fp = req.partitions[0]!;
    const count = cmd.int("count", 0);
    const divergingEpoch = cmd.has("diverging-epoch") ? { epoch: cmd.int("diverging-epoch"), endOffset: cmd.int("diverging-end-offset") } : null;
    const batches = count > 0 ? [batch({ baseOffset: fp.fetchOffset, count, leaderEpoch: cmd.int("epoch", fp.currentLeaderEpoch) })] : [];
    return this.step(() =>
      this.b.fetchers.fetcherFor(leaderId, 0)!.onResponse({
        kind: "FetchResponse",
        correlationId: req.correlationId,
        error: Errors.NONE,
        partitions: [{ topic: fp.topic, partition: fp.partition, error: cmd.str("error", Errors.NONE) as ErrorCode, highWatermark: cmd.int("hw"), lastStableOffset: cmd.int("hw"), logStartOffset: 0, abortedTransactions: null, divergingEpoch, batches }],
      }),
    );
  }

  private state(cmd: Command): string {
    const p = this.b.rm.get(cmd.str("topic", "t"), cmd.int("partition", 0))!;
    const head = `${p.topic}-${p.partition} role=${p.role} leader=${p.leaderId} leaderEpoch=${p.leaderEpoch} partitionEpoch=${p.partitionEpoch} isr=[${p.isr.join(",")}] leo=${p.log.logEndOffset} hw=${p.log.highWatermark}${p.log.lastStableOffset === p.log.highWatermark ? "" : ` lso=${p.log.lastStableOffset}`}`;
    const pending = p.pendingIsr === null ? [] : [`pending ${formatFields(p.pendingIsr)}`];
    const followers = [...p.followers].map(([id, f]) => `follower ${id} ${formatFields(f)}`);
    return lines([head, ...pending, ...followers]);
  }

  /** Runs `action` and whatever it made due now, then reports what came out. */
  private step(action: () => void): string {
    action();
    this.b.env.clock.advanceUs(0);
    return this.output();
  }

  /** The trace events and messages since the last command. */
  private output(): string {
    const events = this.b.env.events.slice(this.eventsSeen);
    this.eventsSeen = this.b.env.events.length;
    const sent = this.b.env.sent.slice(this.sentSeen);
    this.sentSeen = this.b.env.sent.length;
    return lines([...events.map((e) => `event ${formatKind(e)}`), ...sent.map((s) => `send ${s.to} ${formatKind(s.msg)}`)]);
  }
}

/** The produced batch: plain, idempotent, or a transaction's (producer-id, producer-epoch, seq, transactional). */
function produced(cmd: Command): RecordBatch {
  const b = batch({ count: cmd.int("count", 1), producerId: cmd.int("producer-id", NO_PRODUCER_ID), producerEpoch: cmd.int("producer-epoch", NO_PRODUCER_EPOCH), baseSequence: cmd.int("seq", NO_SEQUENCE) });
  return cmd.flag("transactional") ? b.with({ isTransactional: true }) : b;
}

function startBroker(id: number, minIsr: number, lagMs: number): Broker {
  const values = resolveConfig(BROKER_CATALOG, { "min.insync.replicas": minIsr, "replica.lag.time.max.ms": lagMs }).values;
  const settings = brokerSettings(values);
  const topic = topicSettings(resolveTopicConfig({}, values).values);
  const env = new NodeEnv<KafkaMessage, BrokerTimer>(`broker-${id}`, { clock: new TestClock(START_US) });
  let correlationId = 0;
  const rm = new ReplicaManager({
    env,
    brokerId: id,
    settings,
    topicSettings: () => topic,
    isIsrEligible: () => true,
    sendAlterPartition: (item) => env.send("controller", { kind: "AlterPartition", correlationId: ++correlationId, brokerId: id, brokerEpoch: 0, partitions: [item] }),
    respond: (to, msg) => env.send(to, msg),
  });
  const fetchers = new ReplicaFetcherManager({ env, brokerId: id, settings, brokerEpoch: () => 0, brokerNode: (b) => `broker-${b}`, trackFetch: () => ++correlationId, ssl: false, followerHighWatermarkAdvanced: (p) => rm.followerHighWatermarkAdvanced(p) });
  const publisher = new MetadataPublisher({
    env,
    brokerId: id,
    settings,
    replicaManager: rm,
    // Only __consumer_offsets partitions reach the group coordinator; the scripts have none.
    groupCoordinator: {} as GroupCoordinator,
    transactionCoordinator: {} as TransactionCoordinator,
    fetcherManager: fetchers,
    openLog: (t, p) => PartitionLog.load(env.disk, `logs/${t}-${p}`, LOG_CONFIG, Math.floor(env.now() / 1000)),
  });
  env.onTimers({
    onTimer: (timer) => {
      if (timer.kind === "FetcherBackoffTimer") fetchers.fetcherFor(timer.leaderId, timer.fetcherId)?.onBackoffElapsed();
      else if (timer.kind === "AppendFlushedTimer" || timer.kind === "DelayedProduceExpiry" || timer.kind === "DelayedFetchExpiry") rm.onTimer(timer);
    },
  });
  return { id, env, rm, fetchers, publisher };
}
