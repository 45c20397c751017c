// The events a lesson caption can wait for (`on:`): a small vocabulary over the trace, so a
// caption shows when the thing it talks about happens in this run, not at the time it
// happened when the scenario was written. `name` or `name(argument)`; without an argument
// any node, partition, group or error counts. viz/src/model/lesson-happenings.ts reads the
// trace events each name stands for; the two must agree.

import { Errors } from "../../core/protocol/errors.ts";
import { didYouMean } from "./did-you-mean.ts";
import type { Known } from "./schema-common.ts";

/** What a name's argument names. */
export type LessonEventArg = "node" | "broker" | "partition" | "group" | "error" | "none";

export interface LessonEventKind {
  readonly arg: LessonEventArg;
  /** What it means, in the trace's terms (for the README and the JSON Schema). */
  readonly doc: string;
}

export const LESSON_EVENTS = {
  crash: { arg: "node", doc: "the node is killed (NodeCrashed)" },
  powerLoss: { arg: "node", doc: "the node loses power (PowerLost)" },
  restart: { arg: "node", doc: "the node starts again after being down (NodeStarted, second incarnation or later)" },
  pause: { arg: "node", doc: "the node's process stalls (NodePaused)" },
  resume: { arg: "node", doc: "a paused node runs again (NodeResumed)" },
  fenced: { arg: "broker", doc: "the controller fences the broker (BrokerStateChanged fenced: its session expired, or it restarted)" },
  election: { arg: "partition", doc: "the controller gives the partition a new leader (PartitionChanged with a new leader or leader epoch; not its creation)" },
  offline: { arg: "partition", doc: "the partition is left without a leader (PartitionChanged leader -1)" },
  isrShrink: { arg: "partition", doc: "the controller takes a replica out of the ISR (PartitionChanged whose ISR lost a member)" },
  isrExpand: { arg: "partition", doc: "the controller adds a replica to the ISR (PartitionChanged whose ISR gained a member)" },
  truncation: { arg: "partition", doc: "a replica cuts its log back (Truncated)" },
  retention: { arg: "partition", doc: "retention deletes old segments (SegmentsDeleted)" },
  produceError: { arg: "error", doc: "a producer gets an error response, retried or not (ProduceError)" },
  sendFailed: { arg: "error", doc: "a producer gives a batch up: its callbacks see the error (ProduceFailed)" },
  rebalance: { arg: "group", doc: "the group starts rebalancing (GroupPreparingRebalance; KIP-848: ConsumerGroupEpochBumped)" },
  stable: { arg: "group", doc: "the group's rebalance is over (GroupStable, ConsumerGroupStable)" },
  sessionExpired: { arg: "group", doc: "the coordinator removes a member whose session expired (GroupMemberExpired, ConsumerGroupMemberFenced)" },
  pollTimeout: { arg: "group", doc: "a member leaves after max.poll.interval.ms without poll() (PollTimeoutExpired)" },
  logTruncation: { arg: "group", doc: "a member validating its position after a leader change finds records it read truncated (ConsumerLogTruncation, KIP-320)" },
  controllerActive: { arg: "node", doc: "a controller becomes the active controller (ControllerActive; with a quorum, a new Raft leader has committed its first record)" },
  loss: { arg: "none", doc: "the first acknowledged record that the run loses becomes lost: a leader without it is elected (see docs/visualizer.md)" },
} as const satisfies Readonly<Record<string, LessonEventKind>>;

export type LessonEventName = keyof typeof LESSON_EVENTS;

export const LESSON_EVENT_NAMES = Object.keys(LESSON_EVENTS) as LessonEventName[];

/** `on:` as read: the event, and what it is restricted to (normalized: brokers as broker-<n>), or null for any. */
export interface LessonAnchor {
  readonly event: LessonEventName;
  readonly arg: string | null;
  /** As written, for messages and the caption's tooltip. */
  readonly text: string;
}

/** The key the trace side emits for (event, arg): "fenced(broker-1)", or "fenced" for any. */
export function anchorKey(event: LessonEventName, arg: string | null): string {
  return arg === null ? event : `${event}(${arg})`;
}

const isEventName = (name: string): name is LessonEventName => Object.hasOwn(LESSON_EVENTS, name);

/** Reads `on:`; a string is the message of what is wrong with it. */
export function parseAnchor(text: string, known: Known): LessonAnchor | string {
  const m = /^\s*([A-Za-z]+)\s*(?:\(\s*([^()]*?)\s*\))?\s*$/.exec(text);
  if (m === null) return `expected an event like election(orders-0), fenced(1) or loss, got "${text}"`;
  const name = m[1] ?? "";
  if (!isEventName(name)) {
    const hint = didYouMean(name, LESSON_EVENT_NAMES);
    return `unknown lesson event "${name}"${hint === "" ? `; the events are ${LESSON_EVENT_NAMES.join(", ")}` : hint}`;
  }
  const raw = m[2];
  const kind: LessonEventKind = LESSON_EVENTS[name];
  if (raw === undefined) return { event: name, arg: null, text: name };
  if (kind.arg === "none") return `${name} takes no argument, got ${name}(${raw})`;
  if (raw === "") return `${name}() needs ${ARG_WHAT[kind.arg]} between the brackets, or no brackets for any`;
  const arg = argument(name, kind.arg, raw, known);
  return "error" in arg ? arg.error : { event: name, arg: arg.value, text: `${name}(${raw})` };
}

const ARG_WHAT: Readonly<Record<LessonEventArg, string>> = {
  node: "a node (a broker id, controller, a producer id or <group>-<n>)",
  broker: "a broker id",
  partition: "a topic or a topic-partition",
  group: "a consumer group",
  error: "a Kafka error name",
  none: "nothing",
};

type Arg = { readonly value: string } | { readonly error: string };

function argument(name: string, kind: LessonEventArg, raw: string, known: Known): Arg {
  switch (kind) {
    case "broker":
      return brokerArg(raw, known) ?? { error: `${name}(...) takes a broker id, 1..${known.brokers}; got "${raw}"` };
    case "node":
      return nodeArg(name, raw, known);
    case "partition":
      return partitionArg(name, raw, known);
    case "group":
      return known.groups.has(raw) ? { value: raw } : { error: `${name}(...) takes a consumer group: unknown group "${raw}"${didYouMean(raw, known.groups.keys())}` };
    case "error":
      return Object.hasOwn(Errors, raw) ? { value: raw } : { error: `${name}(...) takes a Kafka error name: unknown error "${raw}"${didYouMean(raw, Object.keys(Errors))}` };
    case "none":
      return { error: `${name} takes no argument` };
  }
}

/** "1", "broker-1", "broker1" → broker-1, when that broker exists. */
function brokerArg(raw: string, known: Known): Arg | null {
  const m = /^(?:broker-?)?(\d+)$/.exec(raw);
  const id = m === null ? NaN : Number(m[1]);
  return Number.isInteger(id) && id >= 1 && id <= known.brokers ? { value: `broker-${id}` } : null;
}

function nodeArg(name: string, raw: string, known: Known): Arg {
  if (/^(?:broker-?)?\d+$/.test(raw)) return brokerArg(raw, known) ?? { error: `there is no broker ${raw}: broker ids are 1..${known.brokers}` };
  if (raw === "controller" || known.producers.includes(raw)) return { value: raw };
  const controller = /^controller-(\d+)$/.exec(raw);
  if (controller !== null && Number(controller[1]) >= 1 && Number(controller[1]) <= (known.controllers ?? 1) && (known.controllers ?? 1) > 1) return { value: raw };
  const m = /^(.+)-(\d+)$/.exec(raw);
  const instances = m === null ? undefined : known.groups.get(m[1] ?? "");
  if (m !== null && instances !== undefined && Number(m[2]) >= 1 && Number(m[2]) <= instances) return { value: raw };
  const candidates = ["controller", ...known.producers];
  for (let c = 1; (known.controllers ?? 1) > 1 && c <= (known.controllers ?? 1); c++) candidates.push(`controller-${c}`);
  for (let b = 1; b <= Math.min(known.brokers, 100); b++) candidates.push(String(b));
  for (const [group, n] of known.groups) for (let i = 1; i <= Math.min(n, 100); i++) candidates.push(`${group}-${i}`);
  return { error: `${name}(...) takes ${ARG_WHAT.node}: unknown node "${raw}"${didYouMean(raw, candidates)}` };
}

/** A topic (any of its partitions) or one topic-partition. */
function partitionArg(name: string, raw: string, known: Known): Arg {
  if (known.topics.has(raw)) return { value: raw };
  const m = /^(.+)-(\d+)$/.exec(raw);
  const topic = m?.[1] ?? raw;
  const partitions = known.topics.get(topic);
  if (m === null || partitions === undefined) {
    const candidates = [...known.topics.keys()];
    for (const [t, n] of known.topics) for (let p = 0; p < Math.min(n, 100); p++) candidates.push(`${t}-${p}`);
    return { error: `${name}(...) takes ${ARG_WHAT.partition}: unknown topic "${topic}"${didYouMean(raw, candidates)}` };
  }
  if (Number(m[2]) >= partitions) return { error: `${topic} has ${partitions} partition(s), numbered 0..${partitions - 1}; there is no ${raw}` };
  return { value: `${topic}-${Number(m[2])}` };
}
