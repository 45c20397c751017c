// The controller (core/controller) alone, for the golden scripts in controller/*.txt: requests
// from brokers in, ticks of the clock, and out the metadata records it appends and the
// messages it sends. It runs on the test harness (test/harness: the real Scheduler, a MemDisk
// whose fsync is instant, so a change commits at the instant it is made).
//
// Commands:
//   controller brokers=1,2,3 topic=t partitions=1 rf=3 [assignment=1,2,3] [unclean]
//              [session-timeout-ms=9000] [elr] [min-isr=1]  start a controller (elr: the
//                                                        eligible.leader.replicas.version feature)
//   register broker=N [incarnation=N]                    BrokerRegistration
//   heartbeat broker=N [offset=N] [want-shutdown] [epoch=N]   BrokerHeartbeat (offset: the
//                                                        committed end, i.e. caught up)
//   alter-partition broker=N isr=1,2 [topic=t] [partition=0] [leader-epoch=N]
//                   [partition-epoch=N] [broker-epoch=N] AlterPartition (epochs: the current)
//   tick ms=N [heartbeats=1,2]                           time passes; the listed brokers
//                                                        heartbeat every broker.heartbeat.interval.ms
//   partitions / brokers                                 the metadata image

import { Controller, type ControllerSettings } from "../../core/controller/controller.ts";
import type { KafkaMessage } from "../../core/protocol/messages.ts";
import type { MetadataRecord } from "../../core/protocol/metadata-records.ts";
import { NodeEnv } from "../harness/index.ts";
import { formatFields, formatKind, lines } from "./format.ts";
import type { Command } from "./script.ts";

const LOG = "__cluster_metadata-0/00000000000000000000.log";
const HEARTBEAT_INTERVAL_MS = 2000; // broker.heartbeat.interval.ms

export class ControllerScript {
  private env!: NodeEnv<KafkaMessage>;
  private controller!: Controller;
  private recordsSeen = 0;
  private sentSeen = 0;
  private correlationId = 0;

  readonly run = (cmd: Command): string => {
    switch (cmd.name) {
      case "controller":
        return this.start(cmd);
      case "register":
        return this.deliver(cmd.int("broker"), { kind: "BrokerRegistration", correlationId: ++this.correlationId, brokerId: cmd.int("broker"), incarnationId: cmd.int("incarnation", 1) });
      case "heartbeat":
        return this.deliver(cmd.int("broker"), this.heartbeat(cmd.int("broker"), { epoch: cmd.int("epoch", NaN), offset: cmd.int("offset", NaN), wantShutDown: cmd.flag("want-shutdown") }));
      case "alter-partition":
        return this.alterPartition(cmd);
      case "tick":
        return this.tick(cmd.int("ms"), cmd.ints("heartbeats", []));
      case "partitions":
        // The ELR fields show only while they hold someone, as in the trace.
        return lines([...this.controller.metadata().partitions.values()].map((p) => `${p.topic}-${p.partition} ${formatFields(p, p.elr.length + p.lastKnownElr.length > 0 ? ["topic", "partition"] : ["topic", "partition", "elr", "lastKnownElr"])}`));
      case "brokers":
        return lines([...this.controller.metadata().brokers.values()].map((b) => formatFields(b)));
      default:
        throw new Error(`${cmd.where}: unknown command ${cmd.name}`);
    }
  };

  private start(cmd: Command): string {
    const brokerIds = cmd.ints("brokers");
    const assignment = cmd.has("assignment") ? [cmd.ints("assignment")] : null;
    const settings: ControllerSettings = {
      brokerIds,
      topics: [{ name: cmd.str("topic", "t"), partitions: cmd.int("partitions", 1), replicationFactor: cmd.int("rf", brokerIds.length), assignment, uncleanLeaderElectionEnable: cmd.flag("unclean"), minInsyncReplicas: cmd.int("min-isr", 1) }],
      brokerSessionTimeoutMs: cmd.int("session-timeout-ms", 9000),
      autoLeaderRebalanceEnable: false,
      leaderImbalanceCheckIntervalSeconds: 300,
      uncleanLeaderElectionIntervalMs: 300_000,
      fenceRestartedBrokers: true,
      eligibleLeaderReplicasEnabled: cmd.flag("elr"),
    };
    this.env = new NodeEnv<KafkaMessage>("controller");
    this.controller = this.env.start(new Controller(settings));
    return this.output();
  }

  /** A heartbeat as the broker sends it: its registered epoch, caught up to the committed end (NaN: that default). */
  private heartbeat(brokerId: number, opts: { epoch: number; offset: number; wantShutDown: boolean } = { epoch: NaN, offset: NaN, wantShutDown: false }): KafkaMessage {
    const registered = this.controller.metadata().brokers.get(brokerId)?.epoch ?? -1;
    return {
      kind: "BrokerHeartbeat",
      correlationId: ++this.correlationId,
      brokerId,
      brokerEpoch: Number.isNaN(opts.epoch) ? registered : opts.epoch,
      currentMetadataOffset: Number.isNaN(opts.offset) ? this.committedEnd() : opts.offset,
      wantFence: false,
      wantShutDown: opts.wantShutDown,
    };
  }

  private alterPartition(cmd: Command): string {
    const brokerId = cmd.int("broker");
    const topic = cmd.str("topic", "t");
    const partition = cmd.int("partition", 0);
    const p = this.controller.metadata().partition(topic, partition)!;
    const b = this.controller.metadata().brokers.get(brokerId);
    const item = { topic, partition, leaderEpoch: cmd.int("leader-epoch", p.leaderEpoch), partitionEpoch: cmd.int("partition-epoch", p.partitionEpoch), newIsr: cmd.ints("isr") };
    return this.deliver(brokerId, { kind: "AlterPartition", correlationId: ++this.correlationId, brokerId, brokerEpoch: cmd.int("broker-epoch", b?.epoch ?? -1), partitions: [item] });
  }

  /** Delivers `msg` from broker `from`, then runs whatever is due now (the instant fsync). */
  private deliver(from: number, msg: KafkaMessage): string {
    this.controller.onMessage(`broker-${from}`, msg);
    this.env.clock.advanceUs(0);
    return this.output();
  }

  private tick(ms: number, heartbeats: readonly number[]): string {
    const end = this.env.clock.nowUs + ms * 1000;
    if (heartbeats.length > 0) {
      while (this.env.clock.nowUs + HEARTBEAT_INTERVAL_MS * 1000 <= end) {
        this.env.clock.advance(HEARTBEAT_INTERVAL_MS);
        for (const id of heartbeats) this.controller.onMessage(`broker-${id}`, this.heartbeat(id));
        this.env.clock.advanceUs(0);
      }
    }
    this.env.clock.advanceToUs(end);
    // Heartbeat responses are routine; what a tick shows is what changed.
    return this.output((m) => m.kind !== "BrokerHeartbeatResponse");
  }

  private committedEnd(): number {
    return this.env.disk.open<MetadataRecord>(LOG).entries.length;
  }

  /** The records appended and the messages sent since the last command. */
  private output(show: (m: KafkaMessage) => boolean = () => true): string {
    const records = this.env.disk.open<MetadataRecord>(LOG).entries.slice(this.recordsSeen);
    this.recordsSeen += records.length;
    const sent = this.env.sent.slice(this.sentSeen).filter((s) => show(s.msg));
    this.sentSeen = this.env.sent.length;
    return lines([
      ...records.map((r) => `record ${r.offset} ${r.type} ${formatFields(r, ["type", "offset"])}`),
      ...sent.map((s) => `send ${s.to} ${formatKind(s.msg)}`),
    ]);
  }
}
