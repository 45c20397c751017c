// Faults that certainly do nothing, known from the file alone: the loader plays the faults
// in the order the run fires them (by `at`, ties in the order written, each `for:` end after
// every fault written for that instant) over what it can know — each node is running,
// paused, down, powered off, or unknown; the network's cuts, loss and delay; each disk's
// slow factor — and refuses a fault whose named node, network or disk is certainly already
// as the fault would leave it (the run's rules: sim/run/fault-noops.ts).
// Unknown, so never refused: whatever `leader(...)` names (the broker leading then), a node
// after a clean stop (its shutdown takes what it takes), brokers, the controller, cuts and
// disks under a `nemesis:`. Those are left to the run, which warns (summary.faultWarnings).
// Only a fault's own action is checked; a `for:` end that finds nothing to undo is the run's
// warning too.

import { Field } from "./node-reader.ts";
import type { Fault, Nemesis, NodeAction, Target } from "./types.ts";
import { formatDurationUs } from "./units.ts";

type NodeState = "up" | "paused" | "down" | "off" | "unknown";
/** A state and what made it so, for the message: "faults.0 crashes it at 10s". */
interface Known<S> {
  readonly value: S;
  readonly since: string;
}
type Step = NodeAction | "resume";

export interface TimelineInput {
  readonly faults: readonly Fault[];
  /** The `faults:` field, to point at the fault refused. */
  readonly field: Field;
  readonly nemesis: Nemesis | null;
  readonly brokers: number;
  /** cluster.controllers (absent: 1). */
  readonly controllers?: number;
  /** cluster.network.loss: what a heal restores. */
  readonly networkLoss: number;
}

/** Throws a ScenarioError at the first fault that certainly does nothing. */
export function checkFaultTimeline(input: TimelineInput): void {
  if (input.faults.length > 0) new FaultTimeline(input).play();
}

const INITIAL_NODE = "no earlier fault stops, crashes or powers it off";
const VERB: Readonly<Record<Step, string>> = { crash: "crashes it", stop: "stops it", restart: "restarts it", pause: "pauses it", powerLoss: "powers it off", resume: "resumes it" };

class FaultTimeline {
  private readonly nodes = new Map<string, Known<NodeState>>();
  private readonly disks = new Map<number, Known<number>>();
  /** Partitions that may still cut links: indexes into faults. */
  private readonly cuts = new Set<number>();
  private loss: Known<number>;
  private delay: Known<{ us: number; probability: number }> = { value: { us: 0, probability: 1 }, since: "" };
  /** `for:` ends due, in the order the run schedules them. */
  private readonly ends: { atUs: number; run: () => void }[] = [];
  /** Under a nemesis, brokers, the controller, cuts and disks change at times the file does not say. */
  private readonly wild: { nodes: boolean; cuts: boolean; disks: boolean };
  private readonly items: Field[];

  constructor(private readonly input: TimelineInput) {
    this.loss = { value: input.networkLoss, since: "cluster.network.loss; no earlier loss fault" };
    const actions = input.nemesis?.actions.map((a) => a.action) ?? [];
    this.wild = { nodes: input.nemesis !== null, cuts: actions.includes("partition"), disks: actions.includes("slowDisk") };
    this.items = input.field.list();
  }

  play(): void {
    const { faults } = this.input;
    const order = faults.map((_, i) => i).sort((a, b) => faults[a]!.atUs - faults[b]!.atUs || a - b);
    for (const i of order) {
      this.endBefore(faults[i]!.atUs);
      this.fire(i, faults[i]!);
    }
  }

  /** Runs the `for:` ends due before `atUs` (one due at `atUs` fires after the faults written for it). */
  private endBefore(atUs: number): void {
    for (;;) {
      let next = -1;
      this.ends.forEach((e, k) => {
        if (e.atUs < atUs && (next < 0 || e.atUs < this.ends[next]!.atUs)) next = k;
      });
      if (next < 0) return;
      this.ends.splice(next, 1)[0]!.run();
    }
  }

  private atEnd(f: Fault, run: (atUs: number) => void): void {
    if (!("forUs" in f) || f.forUs === null) return;
    const atUs = f.atUs + f.forUs;
    this.ends.push({ atUs, run: () => run(atUs) });
  }

  private fire(i: number, f: Fault): void {
    const label = `faults.${i}`;
    const at = formatDurationUs(f.atUs);
    switch (f.action) {
      case "partition":
        this.cuts.add(i);
        this.atEnd(f, () => this.cuts.delete(i));
        return;
      case "heal":
        return this.heal(i, at);
      case "loss":
        if (f.probability === this.loss.value) this.fail(i, `this loss does nothing at ${at}: message loss is already ${f.probability} (${this.loss.since})`);
        this.loss = { value: f.probability, since: `${label} sets it at ${at}` };
        this.atEnd(f, (end) => (this.loss = { value: 0, since: `${label}'s for: ends it at ${formatDurationUs(end)}` }));
        return;
      case "delay": {
        const d = this.delay.value;
        if (d.us === f.delayUs && d.probability === f.probability) {
          this.fail(i, `this delay does nothing at ${at}: messages are already delayed by ${formatDurationUs(d.us)}${d.probability < 1 ? ` with probability ${d.probability}` : ""} (${this.delay.since})`);
        }
        this.delay = { value: { us: f.delayUs, probability: f.probability }, since: `${label} at ${at}` };
        this.atEnd(f, () => (this.delay = { value: { us: 0, probability: 1 }, since: "" }));
        return;
      }
      case "slowDisk":
        return this.slowDisk(i, f.broker, f.factor, f, at);
      default:
        return this.nodeFault(i, f, at);
    }
  }

  private heal(i: number, at: string): void {
    const quiet = !this.wild.cuts && this.cuts.size === 0 && this.loss.value === this.input.networkLoss && this.delay.value.us === 0;
    if (quiet) this.fail(i, `this heal does nothing at ${at}: nothing is cut, lost or delayed then (no partition, loss or delay fault before it is still in effect)`);
    this.cuts.clear();
    this.loss = { value: this.input.networkLoss, since: `faults.${i} heals the network at ${at}` };
    this.delay = { value: { us: 0, probability: 1 }, since: "" };
  }

  private slowDisk(i: number, broker: number, factor: number, f: Fault, at: string): void {
    const label = `faults.${i}`;
    const now = this.disks.get(broker) ?? { value: 1, since: `no earlier slowDisk of broker ${broker}` };
    if (!this.wild.disks && now.value === factor) {
      const speed = factor === 1 ? "at normal speed" : `${factor} times slower`;
      this.fail(i, `this slowDisk does nothing at ${at}: broker ${broker}'s disk already runs ${speed} (${now.since})`);
    }
    this.disks.set(broker, { value: factor, since: `${label} slows it at ${at}` });
    this.atEnd(f, (end) => this.disks.set(broker, { value: 1, since: `${label}'s for: ends it at ${formatDurationUs(end)}` }));
  }

  private nodeFault(i: number, f: Fault & { action: NodeAction }, at: string): void {
    const label = `faults.${i}`;
    const items = this.actionField(i).listOrOne();
    f.targets.forEach((t, j) => {
      const nodes = this.named(t);
      const why = nodes.map((n) => noopWhy(f.action, this.state(n)));
      if (nodes.length === 0 || why.some((w) => w === null)) return;
      // `all`: "every broker is running (...)" when they agree, else broker by broker.
      const same = why.every((w) => w === why[0]);
      const text = t.kind === "all" && same ? `every broker ${why[0]}` : why.map((w, k) => `${nodes[k]} ${w}`).join("; ");
      (items[j] ?? items[0]!).fail(`this ${f.action} does nothing at ${at}: ${text}`);
    });
    this.move(f.targets, f.action, `${label} ${VERB[f.action]} at ${at}`);
    if (f.action === "restart") return;
    const undo: Step = f.action === "pause" ? "resume" : "restart";
    this.atEnd(f, (end) => this.move(f.targets, undo, `${label}'s for: ${VERB[undo]} at ${formatDurationUs(end)}`));
  }

  /** Applies `step` to every node the targets name; to every broker, maybe, for a leader(...). */
  private move(targets: readonly Target[], step: Step, since: string): void {
    for (const t of targets) {
      // leader(...) and, in a quorum, the active controller: which node, the run decides.
      // rack(...): some brokers and controllers, whose zone this check does not read.
      const quorumActive = t.kind === "controller" && (this.input.controllers ?? 1) > 1;
      const maybe = t.kind === "leader" || t.kind === "rack" || quorumActive;
      const candidates = t.kind === "rack" ? [...this.brokers(), ...this.controllers(), "controller"] : quorumActive ? this.controllers() : maybe ? this.brokers() : this.named(t);
      for (const n of candidates) {
        const old = this.state(n);
        const next = stepped(step, old.value);
        if (next !== old.value) this.nodes.set(n, { value: maybe ? "unknown" : next, since });
      }
    }
  }

  private state(node: string): Known<NodeState> {
    const wild = this.wild.nodes && (node.startsWith("controller") || node.startsWith("broker "));
    if (wild) return { value: "unknown", since: "" };
    return this.nodes.get(node) ?? { value: "up", since: INITIAL_NODE };
  }

  /** The nodes a target certainly names (none for leader(...): the run decides). */
  private named(t: Target): string[] {
    switch (t.kind) {
      case "broker":
        return [`broker ${t.id}`];
      case "all":
        return this.brokers();
      case "controller":
        return (this.input.controllers ?? 1) > 1 ? [] : ["controller"];
      case "controllerNode":
        return [`controller-${t.id}`];
      case "producer":
        return [t.id];
      case "consumer":
        return [`${t.group}-${t.instance}`];
      case "leader":
      case "rack":
        return [];
    }
  }

  private controllers(): string[] {
    return Array.from({ length: this.input.controllers ?? 1 }, (_, k) => `controller-${k + 1}`);
  }

  private brokers(): string[] {
    return Array.from({ length: this.input.brokers }, (_, k) => `broker ${k + 1}`);
  }

  /** The fault's action value (`restart: 2`), or its key when it has none (`heal:`). */
  private actionField(i: number): Field {
    const m = this.items[i]!.map();
    const action = this.input.faults[i]!.action;
    const value = m.get(action);
    if (!value.missing) return value;
    // `heal:` with no value: point at the key.
    return new Field(value.src, null, value.path, m.entry(action)?.keyNode ?? this.items[i]!.node);
  }

  private fail(i: number, message: string): never {
    return this.actionField(i).fail(message);
  }
}

/** The state a node is certainly in after `step` (unknown stays unknown, except that a crash or power loss settles it). */
function stepped(step: Step, s: NodeState): NodeState {
  switch (step) {
    case "crash":
      return s === "off" ? "off" : "down";
    case "powerLoss":
      return "off";
    case "stop":
      return s === "down" || s === "off" ? s : "unknown";
    case "restart":
      return s === "down" || s === "off" ? "up" : s;
    case "pause":
      return s === "up" ? "paused" : s;
    case "resume":
      return s === "paused" ? "up" : s;
  }
}

/** Why `action` certainly does nothing to a node in state `s` ("is running (...)"), or null when it may act. */
function noopWhy(action: NodeAction, s: Known<NodeState>): string | null {
  const phrase = noopPhrase(action, s.value);
  if (phrase === null) return null;
  return `${phrase} (${s.since})${action === "restart" && s.value === "paused" ? ", and a restart does not resume it" : ""}`;
}

function noopPhrase(action: NodeAction, s: NodeState): string | null {
  const down = s === "down" || s === "off";
  switch (action) {
    case "crash":
    case "stop":
      return down ? "is already down" : null;
    case "restart":
      if (s === "paused") return "is paused, not down";
      return s === "up" ? "is running" : null;
    case "pause":
      if (s === "paused") return "is already paused";
      return down ? "is down" : null;
    case "powerLoss":
      return s === "off" ? "is already powered off" : null;
  }
}
