// One broker's real GroupCoordinator on a fake host, as etcd's raft tests drive a RawNode:
// requests and clock ticks in; the records it appends to __consumer_offsets-0 and the
// messages it sends out. Appends are acknowledged when the step settles (acks=all with a
// perfect follower), so after every step the log holds everything the coordinator wrote.
// Clients are modelled just enough to answer as real ones would: each remembers its member
// id, generation or epoch and assignment from the responses it got.

import type { Env, TimerHandle } from "../../core/env.ts";
import { BROKER_CATALOG, brokerSettings, resolveConfig } from "../../core/config/index.ts";
import { GroupCoordinator, type GroupCoordinatorTimer } from "../../core/group/group-coordinator.ts";
import type { PartitionLog } from "../../core/log/partition-log.ts";
import type { CoordinatorRecord } from "../../core/protocol/coordinator-records.ts";
import { Errors } from "../../core/protocol/errors.ts";
import type { GroupCoordinatorRequest, PartitionList } from "../../core/protocol/group-messages.ts";
import type { KafkaMessage } from "../../core/protocol/messages.ts";
import type { RecordBatch } from "../../core/protocol/records.ts";
import type { TxnOffsetCommitRequest } from "../../core/protocol/txn-messages.ts";

export const TOPIC_PARTITIONS: Readonly<Record<string, number>> = { t: 4, u: 2 };

interface PendingTimer {
  readonly at: number;
  readonly seq: number;
  readonly timer: GroupCoordinatorTimer;
  dead: boolean;
}

export interface Out {
  readonly records: CoordinatorRecord[];
  readonly sent: { to: string; msg: KafkaMessage }[];
  /** Both, in the order they happened. */
  readonly both: ({ readonly record: CoordinatorRecord } | { readonly to: string; readonly msg: KafkaMessage })[];
}

const nothing = (): Out => ({ records: [], sent: [], both: [] });

export class CoordinatorHarness {
  nowUs = 0;
  readonly batches: RecordBatch[] = [];
  private out: Out = nothing();
  private timers: PendingTimer[] = [];
  private seq = 0;
  private ids = 0;
  private acks: (() => void)[] = [];
  readonly coordinator: GroupCoordinator;

  constructor(config: Record<string, unknown> = {}) {
    const settings = brokerSettings(resolveConfig(BROKER_CATALOG, { "offsets.topic.num.partitions": 1, ...config }).values);
    const env = {
      nodeId: 1,
      now: () => this.nowUs,
      send: (to: string, msg: KafkaMessage) => {
        this.out.sent.push({ to, msg });
        this.out.both.push({ to, msg });
      },
      setTimer: (delayUs: number, timer: GroupCoordinatorTimer) => this.setTimer(delayUs, timer),
      cancelTimer: (t: TimerHandle) => {
        (t as unknown as PendingTimer).dead = true;
      },
      disk: undefined as never,
      rng: { next: () => 0, int: () => 0, int32: () => ++this.ids, fork: () => env.rng },
      emit: () => {},
      tracing: false,
    } as unknown as Env<KafkaMessage, GroupCoordinatorTimer>;
    const log = { allBatches: () => this.batches, read: () => ({ delayUs: 0 }), logStartOffset: 0, sizeBytes: 0, logEndOffset: 0 } as unknown as PartitionLog;
    this.coordinator = new GroupCoordinator({
      env,
      settings,
      offsetsLog: () => log,
      append: (_partition, batch, _timeoutMs, done) => {
        this.batches.push(batch);
        for (const r of batch.coordinator ?? []) {
          this.out.records.push(r);
          this.out.both.push({ record: r });
        }
        this.acks.push(() => done(Errors.NONE));
      },
      partitionCount: (topic) => TOPIC_PARTITIONS[topic] ?? 0,
    });
    this.coordinator.onElected(0);
    this.tick(1);
    this.take();
  }

  private setTimer(delayUs: number, timer: GroupCoordinatorTimer): TimerHandle {
    const t: PendingTimer = { at: this.nowUs + delayUs, seq: this.seq++, timer, dead: false };
    this.timers.push(t);
    return t as unknown as TimerHandle;
  }

  /** Acknowledges every append, including those the acknowledgements cause. */
  private settle(): void {
    while (this.acks.length > 0) this.acks.shift()!();
  }

  request(from: string, req: GroupCoordinatorRequest): void {
    this.coordinator.handle(from, req);
    this.settle();
  }

  txnOffsetCommit(from: string, req: TxnOffsetCommitRequest): void {
    this.coordinator.handleTxnOffsetCommit(from, req);
    this.settle();
  }

  /** Moves the clock `ms` on, firing due timers in (time, sequence) order as the scheduler does. */
  tick(ms: number): void {
    const until = this.nowUs + ms * 1000;
    for (;;) {
      const due = this.timers.filter((t) => !t.dead && t.at <= until).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (due === undefined) break;
      due.dead = true;
      this.nowUs = due.at;
      this.coordinator.onTimer(due.timer);
      this.settle();
    }
    this.timers = this.timers.filter((t) => !t.dead);
    this.nowUs = until;
  }

  /** What the coordinator wrote and sent since the last take. */
  take(): Out {
    const out = this.out;
    this.out = nothing();
    return out;
  }
}

/** A classic consumer as the coordinator sees it: what it last heard. */
export interface ClassicClient {
  memberId: string;
  generation: number;
  leader: boolean;
  members: string[];
  readonly instance: string | null;
}

/** A KIP-848 consumer: its own member id (KIP-1082), its epoch and its last assignment. */
export interface ConsumerClient {
  readonly memberId: string;
  epoch: number;
  assigned: PartitionList;
  /** What the client holds: its assignment, plus partitions it has not revoked yet. */
  owned: PartitionList;
  readonly instance: string | null;
}

/** Updates the clients from the responses sent to them (the client name is the node). */
export function observe(out: Out, classic: Map<string, ClassicClient>, consumer: Map<string, ConsumerClient>): void {
  for (const { to, msg } of out.sent) {
    const c = classic.get(to);
    const k = consumer.get(to);
    if (msg.kind === "JoinGroupResponse" && c !== undefined) {
      if (msg.error === Errors.MEMBER_ID_REQUIRED || msg.error === Errors.NONE) c.memberId = msg.memberId;
      if (msg.error === Errors.NONE) {
        c.generation = msg.generationId;
        c.leader = msg.leader === msg.memberId;
        c.members = msg.members.map((m) => m.memberId);
      } else if (msg.error === Errors.UNKNOWN_MEMBER_ID || msg.error === Errors.FENCED_INSTANCE_ID) c.memberId = "";
    } else if ((msg.kind === "HeartbeatResponse" || msg.kind === "SyncGroupResponse") && c !== undefined) {
      if (msg.error === Errors.UNKNOWN_MEMBER_ID) c.memberId = "";
    } else if (msg.kind === "ConsumerGroupHeartbeatResponse" && k !== undefined) {
      if (msg.error === Errors.NONE) {
        k.epoch = msg.memberEpoch < 0 ? 0 : msg.memberEpoch;
        if (msg.assignment !== null) k.assigned = msg.assignment;
        if (msg.memberEpoch < 0) k.assigned = k.owned = [];
      } else if (msg.error === Errors.FENCED_MEMBER_EPOCH || msg.error === Errors.UNKNOWN_MEMBER_ID) {
        k.epoch = 0;
        k.assigned = [];
        k.owned = [];
      }
    }
  }
}

/** The leader's SyncGroup assignment: the topic's partitions dealt round-robin to the members. */
export function roundRobin(members: readonly string[], topic = "t"): { memberId: string; partitions: PartitionList }[] {
  const n = TOPIC_PARTITIONS[topic] ?? 0;
  return members.map((memberId, i) => ({ memberId, partitions: Array.from({ length: n }, (_, p) => p).filter((p) => p % members.length === i).map((partition) => ({ topic, partition })) }));
}
