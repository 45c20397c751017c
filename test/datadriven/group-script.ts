// Golden scripts for one group coordinator, in the format of etcd's datadriven tests
// (github.com/cockroachdb/datadriven, used by etcd-io/raft's testdata): a command line, a
// `----` line, then the output expected, ended by a blank line. A command is a request from
// a client (`join c1`, `sync c1`, `cg-heartbeat k1 topics=t`) or `tick 10s`; its output is
// what the coordinator did meanwhile, in order: `record ...` for each record appended to
// __consumer_offsets and `c1 <- ...` for each message sent. Clients remember their member
// id, generation or epoch and assignment from what they were sent, so scripts name them only.

import type { CoordinatorRecord } from "../../core/protocol/coordinator-records.ts";
import type { PartitionList } from "../../core/protocol/group-messages.ts";
import type { KafkaMessage } from "../../core/protocol/messages.ts";
import { parseDurationUs } from "../../core/config/index.ts";
import { CoordinatorHarness, observe, roundRobin, type ClassicClient, type ConsumerClient, type Out } from "../group/coordinator-harness.ts";

export interface Block {
  readonly line: number;
  readonly command: string;
  readonly expected: string;
}

/** Splits a script into its commands; lines starting with `#` before a command are kept as they are. */
export function parseScript(text: string): { blocks: Block[]; rewrite: (outputs: readonly string[]) => string } {
  const lines = text.split("\n");
  const blocks: Block[] = [];
  const kept: (string | number)[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "" || line.startsWith("#")) {
      kept.push(line);
      continue;
    }
    if (lines[i + 1] !== "----") throw new Error(`line ${i + 1}: a command must be followed by ----`);
    let end = i + 2;
    while (end < lines.length && lines[end]!.trim() !== "") end++;
    blocks.push({ line: i + 1, command: line, expected: lines.slice(i + 2, end).join("\n") });
    kept.push(blocks.length - 1);
    i = end - 1;
  }
  const rewrite = (outputs: readonly string[]): string => kept.map((k) => (typeof k === "number" ? `${blocks[k]!.command}\n----\n${outputs[k]}` : k)).join("\n");
  return { blocks, rewrite };
}

/** Runs a script's commands against a fresh coordinator; one output per block. */
export function runScript(blocks: readonly Block[]): string[] {
  const run = new ScriptRun();
  return blocks.map((b) => {
    try {
      return run.exec(b.command);
    } catch (e) {
      throw new Error(`line ${b.line}: ${b.command}: ${(e as Error).message}`);
    }
  });
}

class ScriptRun {
  private readonly h = new CoordinatorHarness();
  private readonly classic = new Map<string, ClassicClient>();
  private readonly consumer = new Map<string, ConsumerClient>();
  private correlation = 0;

  exec(command: string): string {
    const [verb, ...words] = command.trim().split(/\s+/);
    const name = words[0] ?? "";
    const args = new Map(words.slice(1).map((w) => w.split("=", 2) as [string, string]));
    if (verb === "tick") this.h.tick(durationMs(name));
    else if (verb === "restart") this.classicClient(name, args).memberId = "";
    else if (verb === "cg-heartbeat" || verb === "cg-leave") this.consumerRequest(verb, name, args);
    else this.classicRequest(verb ?? "", name, args);
    const out = this.h.take();
    observe(out, this.classic, this.consumer);
    return render(out);
  }

  private classicClient(name: string, args: ReadonlyMap<string, string>): ClassicClient {
    let c = this.classic.get(name);
    if (c === undefined) this.classic.set(name, (c = { memberId: "", generation: -1, leader: false, members: [], instance: args.get("instance") ?? null }));
    return c;
  }

  private classicRequest(verb: string, name: string, args: ReadonlyMap<string, string>): void {
    const c = this.classicClient(name, args);
    const base = { correlationId: ++this.correlation, groupId: args.get("group") ?? "g", memberId: c.memberId, groupInstanceId: c.instance };
    const generationId = args.has("gen") ? Number(args.get("gen")) : c.generation;
    switch (verb) {
      case "join": {
        const topics = (args.get("topics") ?? "t").split(",");
        const ms = (key: string, def: string): number => durationMs(args.get(key) ?? def);
        return this.h.request(name, { ...base, kind: "JoinGroup", sessionTimeoutMs: ms("session", "10s"), rebalanceTimeoutMs: ms("rebalance", "30s"), protocolType: "consumer", protocols: [{ name: "range", metadata: { topics, ownedPartitions: [], generationId: c.generation } }], reason: "script" });
      }
      case "sync":
        return this.h.request(name, { ...base, kind: "SyncGroup", generationId, protocolName: "range", assignments: c.leader ? roundRobin(c.members) : [] });
      case "heartbeat":
        return this.h.request(name, { ...base, kind: "Heartbeat", generationId });
      case "leave":
        return this.h.request(name, { ...base, kind: "LeaveGroup", reason: "script" });
      case "commit":
        return this.h.request(name, { ...base, kind: "OffsetCommit", generationId, offsets: partitionArgs(args).map(([tp, v]) => ({ ...tp, offset: Number(v) })) });
      case "fetch":
        return this.h.request(name, { kind: "OffsetFetch", correlationId: base.correlationId, groupId: base.groupId, partitions: partitionArgs(args).map(([tp]) => tp) });
      default:
        throw new Error(`unknown command ${verb}`);
    }
  }

  private consumerRequest(verb: string, name: string, args: ReadonlyMap<string, string>): void {
    let k = this.consumer.get(name);
    if (k === undefined) this.consumer.set(name, (k = { memberId: name, epoch: 0, assigned: [], owned: [], instance: args.get("instance") ?? null }));
    // owned=assigned (the default): the client has revoked what it was told to; owned=t-0,t-1 lists it.
    const owned = args.get("owned");
    if (owned === undefined || owned === "assigned") k.owned = k.assigned;
    else k.owned = owned === "" ? [] : owned.split(",").map(tp);
    const epoch = verb === "cg-leave" ? Number(args.get("epoch") ?? -1) : args.has("epoch") ? Number(args.get("epoch")) : k.epoch;
    this.h.request(name, {
      kind: "ConsumerGroupHeartbeat",
      correlationId: ++this.correlation,
      groupId: args.get("group") ?? "k",
      memberId: k.memberId,
      memberEpoch: epoch,
      instanceId: k.instance,
      rebalanceTimeoutMs: 30_000,
      subscribedTopicNames: verb === "cg-leave" ? [] : (args.get("topics") ?? "t").split(","),
      serverAssignor: args.get("assignor") ?? null,
      ownedPartitions: k.owned,
    });
  }
}

function durationMs(text: string): number {
  const d = parseDurationUs(text);
  if (!d.ok) throw new Error(d.error);
  return d.value / 1000;
}

/** `t-0=5` arguments (and bare `t-0` for fetch). */
function partitionArgs(args: ReadonlyMap<string, string>): [{ topic: string; partition: number }, string | undefined][] {
  return [...args].filter(([k]) => /^[a-z]+-\d+$/.test(k)).map(([k, v]) => [tp(k), v]);
}

function tp(s: string): { topic: string; partition: number } {
  const i = s.lastIndexOf("-");
  return { topic: s.slice(0, i), partition: Number(s.slice(i + 1)) };
}

function render(out: Out): string {
  if (out.both.length === 0) return "ok";
  return out.both.map((x) => ("record" in x ? `record ${renderRecord(x.record)}` : `${x.to} <- ${renderMessage(x.msg)}`)).join("\n");
}

const parts = (list: PartitionList | null): string => (list === null ? "-" : list.length === 0 ? "[]" : list.map((p) => `${p.topic}-${p.partition}`).join(","));

function renderRecord(r: CoordinatorRecord): string {
  switch (r.type) {
    case "OffsetCommit":
      return `OffsetCommit ${r.groupId} ${r.topic}-${r.partition}=${r.offset ?? "tombstone"}`;
    case "GroupMetadata": {
      const members = r.members.map((m) => `${m.memberId}${m.groupInstanceId === null ? "" : `(${m.groupInstanceId})`}:${parts(m.assignment)}`);
      return `GroupMetadata ${r.groupId} gen=${r.generationId} protocol=${r.protocolName ?? "-"} leader=${r.leader ?? "-"} members=[${members.join(" ")}]`;
    }
    case "ConsumerGroupMetadata":
      return `ConsumerGroupMetadata ${r.groupId} epoch=${r.epoch}`;
    case "ConsumerGroupTargetAssignmentMetadata":
      return `ConsumerGroupTargetAssignmentMetadata ${r.groupId} assignmentEpoch=${r.assignmentEpoch}`;
    case "ConsumerGroupTargetAssignmentMember":
      return `ConsumerGroupTargetAssignmentMember ${r.groupId} ${r.memberId} ${r.partitions === null ? "tombstone" : parts(r.partitions)}`;
    case "ConsumerGroupMemberMetadata": {
      const v = r.value;
      return `ConsumerGroupMemberMetadata ${r.groupId} ${r.memberId} ${v === null ? "tombstone" : `topics=${v.subscribedTopics.join(",")} assignor=${v.serverAssignor ?? "-"} instance=${v.instanceId ?? "-"}`}`;
    }
    case "ConsumerGroupCurrentMemberAssignment": {
      const v = r.value;
      return `ConsumerGroupCurrentMemberAssignment ${r.groupId} ${r.memberId} ${v === null ? "tombstone" : `epoch=${v.memberEpoch} previous=${v.previousMemberEpoch} ${v.state} assigned=${parts(v.assigned)} revoking=${parts(v.pendingRevocation)}`}`;
    }
    case "TransactionLog":
      return `TransactionLog ${r.transactionalId} ${r.value === null ? "tombstone" : r.value.state}`;
  }
}

/** A message as `Kind field=value ...`, partitions as t-0 lists, members by id. */
function renderMessage(msg: KafkaMessage): string {
  const fields = Object.entries(msg).filter(([k]) => k !== "kind" && k !== "correlationId");
  return [msg.kind, ...fields.map(([k, v]) => `${k}=${renderValue(v)}`)].join(" ");
}

function renderValue(v: unknown): string {
  if (v === null || v === undefined) return "-";
  if (v === "") return `""`;
  if (!Array.isArray(v)) return typeof v === "object" ? JSON.stringify(v) : String(v);
  return `[${v
    .map((x: Record<string, unknown>) => {
      if (typeof x !== "object" || x === null) return String(x);
      if ("memberId" in x) return String(x.memberId);
      const extra = "offset" in x ? `=${String(x.offset)}` : "error" in x ? `:${String(x.error)}` : "";
      return `${String(x.topic)}-${String(x.partition)}${extra}`;
    })
    .join(",")}]`;
}
