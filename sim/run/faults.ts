// Carries out the scenario's faults on the world: crashes, clean stops, restarts, pauses,
// power losses, network partitions, slow disks, message loss and delay, each optionally
// undone after `for:`. Targets resolve when the fault fires, so `leader(orders-0)` is
// whoever leads then. The same methods serve interactive faults from the visualizer.
// A fault that does nothing when it fires (a target that names no node then, a node already
// in the state the fault would put it in; see fault-noops.ts), or whose `for:` ends without
// restarting or resuming a node, adds a warning; the check only reads the world.

import { brokerNode, controllerNode, CONTROLLER_NODE } from "../../core/cluster-names.ts";
import { activeController, activeControllerNode } from "./active-controller.ts";
import type { KafkaMessage } from "../../core/protocol/messages.ts";
import { NO_LEADER } from "../../core/protocol/metadata-records.ts";
import type { SimDisk } from "../disk/index.ts";
import type { Fault, NodeAction, Scenario, Target } from "../scenario/types.ts";
import { targetName } from "../scenario/target-name.ts";
import { nemesisEntry, nemesisFaults, type NemesisEntry } from "./nemesis.ts";
import { networkNoop, nodeActionNoop, slowDiskNoop, undoNoop } from "./fault-noops.ts";
import { describeTarget, faultWarning, nodeLabel, type FaultWarning } from "./fault-warning.ts";
import type { World } from "../world/world.ts";
import type { Zones } from "./zones.ts";
import type { Timer } from "../../core/timer.ts";

export class FaultInjector {
  /** Links cut by each active partition, so `for:` heals exactly those. */
  private readonly cuts: [number, number][][] = [];
  /** What the scenario's nemesis drew from the seed; null without a nemesis. */
  nemesisSchedule: NemesisEntry[] | null = null;
  /** Faults that did nothing when they fired, in firing order. */
  readonly warnings: FaultWarning[] = [];
  /** Machines powered off by a fault and not restarted since: another power loss does nothing. */
  private readonly poweredOff = new Set<string>();

  constructor(
    private readonly world: World<KafkaMessage, Timer>,
    private readonly disks: Map<string, SimDisk>,
    private readonly brokerIds: readonly number[],
    /** ["controller"], or the quorum's controller-1..N. */
    private readonly controllerNodes: readonly string[] = [CONTROLLER_NODE],
    /** The zones, for rack(...) targets; null without cluster.racks. */
    private readonly zones: Zones | null = null,
  ) {}

  /** Schedules the scenario's faults and those its nemesis draws from the seed. */
  scheduleScenario(scenario: Scenario): void {
    this.schedule(scenario.faults);
    if (scenario.nemesis !== null) {
      const drawn = nemesisFaults(scenario.nemesis, this.world.rng.fork("nemesis"), this.brokerIds.length, scenario.topics);
      this.world.emit("faults", { kind: "NemesisSchedule", faults: drawn.length });
      this.nemesisSchedule = drawn.map(nemesisEntry);
      this.schedule(drawn, "nemesis");
    }
  }

  /** `source` names each fault in warnings: `faults.3`, `nemesis.0`. */
  schedule(faults: readonly Fault[], source = "faults"): void {
    faults.forEach((f, i) => this.world.scheduler.at(f.atUs, () => this.apply(f, `${source}.${i}`)));
  }

  /** Resolves a target to node names now. */
  resolve(t: Target): string[] {
    switch (t.kind) {
      case "broker":
        return [brokerNode(t.id)];
      case "all":
        return this.brokerIds.map(brokerNode);
      case "controller": {
        // The active controller when the fault fires (with one controller, that node even while down).
        if (this.controllerNodes.length === 1) return [CONTROLLER_NODE];
        const active = activeControllerNode(this.world, this.controllerNodes);
        return active === null ? [] : [active];
      }
      case "controllerNode":
        return this.controllerNodes.length === 1 ? [CONTROLLER_NODE] : [controllerNode(t.id)];
      case "producer":
        return [t.id];
      case "consumer":
        return [`${t.group}-${t.instance}`];
      case "rack":
        // Every node in the zone: its brokers, its controllers and the clients placed in it.
        return this.zones?.nodesIn(t.rack) ?? [];
      case "leader": {
        const controller = activeController(this.world, this.controllerNodes);
        const leader = controller?.partitionLeader(t.topic, t.partition) ?? NO_LEADER;
        return leader === NO_LEADER ? [] : [brokerNode(leader)];
      }
    }
  }

  /** Carries out `f` now; `label` names it in a warning if it does nothing. */
  apply(f: Fault, label = "fault"): void {
    const world = this.world;
    switch (f.action) {
      case "crash":
      case "stop":
      case "restart":
      case "pause":
      case "powerLoss": {
        const resolved = f.targets.map((t) => this.resolve(t));
        const nodes = resolved.flat();
        this.warnIdleTargets(f, label, this.idleNodeTargets(f.action, f.targets, resolved));
        world.emit("faults", { kind: "Fault", action: f.action, targets: f.targets.map((t) => targetName(t)), nodes, forMs: f.forUs === null ? -1 : f.forUs / 1000 });
        for (const n of nodes) this.nodeAction(f.action, n);
        if (f.forUs !== null) world.scheduler.after(f.forUs, () => this.undoNodeAction(f, label, nodes));
        return;
      }
      case "partition": {
        const resolved = f.groups.map((g) => g.map((t) => ({ t, nodes: this.resolve(t) })));
        const groups = resolved.map((g) => g.flatMap((x) => x.nodes));
        // A single group (from a nemesis) is isolated from every other node.
        if (groups.length === 1) groups.push(this.world.nodeNames().filter((n) => !groups[0]!.includes(n)));
        world.emit("faults", { kind: "Fault", action: "partition", groups: groups.map((g) => g.join(",")), oneWay: f.oneWay, forMs: f.forUs === null ? -1 : f.forUs / 1000 });
        const pairs = this.pairs(groups, f.oneWay);
        const unresolved = resolved.flat().filter((x) => x.nodes.length === 0).map((x) => x.t);
        this.warnIdlePartition(f, label, unresolved, pairs);
        const cut = this.cut(pairs);
        if (f.forUs !== null) world.scheduler.after(f.forUs, () => this.heal(cut));
        return;
      }
      case "slowDisk": {
        const disk = this.disks.get(brokerNode(f.broker));
        this.warn(f, label, slowDiskNoop(f.broker, f.factor, disk));
        world.emit("faults", { kind: "Fault", action: "slowDisk", broker: f.broker, factor: f.factor, forMs: f.forUs === null ? -1 : f.forUs / 1000 });
        disk?.slowDown(f.factor);
        if (f.forUs !== null) world.scheduler.after(f.forUs, () => disk?.slowDown(1));
        return;
      }
      case "heal":
        this.warn(f, label, networkNoop(f, world.network));
        world.emit("faults", { kind: "Fault", action: "heal" });
        this.healNetwork();
        return;
      case "loss":
      case "delay": {
        this.warn(f, label, networkNoop(f, world.network));
        world.emit("faults", { kind: "Fault", action: f.action, probability: f.probability, delayMs: f.delayUs / 1000, forMs: f.forUs === null ? -1 : f.forUs / 1000 });
        if (f.action === "loss") world.network.setLoss(f.probability);
        else world.network.setExtraDelay(f.delayUs, f.probability);
        if (f.forUs !== null) {
          world.scheduler.after(f.forUs, () => (f.action === "loss" ? world.network.setLoss(0) : world.network.setExtraDelay(0)));
        }
        return;
      }
    }
  }

  private nodeAction(action: NodeAction, node: string): void {
    const w = this.world;
    if (action === "crash") w.crash(node);
    else if (action === "stop") w.stop(node);
    else if (action === "restart") this.restart(node);
    else if (action === "pause") w.pause(node);
    else {
      w.powerLoss(node);
      this.poweredOff.add(node);
    }
  }

  private restart(node: string): void {
    this.world.restart(node);
    this.poweredOff.delete(node);
  }

  /** `for:` after a crash, stop or power loss restarts the node; after a pause it resumes. */
  private undoNodeAction(f: Fault & { action: NodeAction }, label: string, nodes: readonly string[]): void {
    if (f.action === "restart") return;
    const why = [...new Set(nodes)].map((n) => undoNoop(f.action, n, this.world.stateOf(n)));
    const idle = [...new Set(nodes)].filter((_, i) => why[i] !== null);
    if (idle.length > 0) {
      const verb = f.action === "pause" ? "resuming" : "restarting";
      this.warnings.push(faultWarning(this.world.scheduler.now(), label, f, `ends without ${verb} ${idle.map(nodeLabel).join(", ")}: ${why.filter((w) => w !== null).join("; ")}`));
    }
    for (const n of nodes) {
      if (f.action === "pause") this.world.resume(n);
      else this.restart(n);
    }
  }

  /** The targets of a node fault that would do nothing now, and why (read before it acts). */
  private idleNodeTargets(action: NodeAction, targets: readonly Target[], resolved: readonly string[][]): IdleTarget[] {
    const idle: IdleTarget[] = [];
    targets.forEach((t, i) => {
      const nodes = resolved[i]!;
      const why = nodes.map((n) => nodeActionNoop(action, this.world.stateOf(n), this.poweredOff.has(n)));
      if (nodes.length === 0) idle.push({ who: describeTarget(t), why: [this.whyUnresolved(t)] });
      else if (why.every((w) => w !== null)) {
        // `all`: "every broker is running" when they agree, else broker by broker.
        const same = t.kind === "all" && why.every((w) => w === why[0]);
        idle.push({ who: describeTarget(t), why: same ? [`every broker ${why[0]}`] : why.map((w, k) => `${nodeLabel(nodes[k]!)} ${w}`) });
      }
    });
    return idle;
  }

  /** A partition that cuts no link not already cut, or with targets that name no node. */
  private warnIdlePartition(f: Fault, label: string, unresolved: readonly Target[], pairs: readonly [number, number][]): void {
    const links = pairs.filter(([a, b]) => a !== b);
    const fresh = links.filter(([a, b]) => !this.world.network.isCut(a, b)).length;
    const idle: IdleTarget[] = unresolved.map((t) => ({ who: describeTarget(t), why: [this.whyUnresolved(t)] }));
    if (fresh === 0 && idle.length === 0) idle.push({ who: "", why: [links.length > 0 ? "every link between its groups is already cut" : "its groups have no link to cut"] });
    this.warnIdleTargets(f, label, idle, fresh === 0);
  }

  /** Why a target names no node now (only leader(...) can). */
  private whyUnresolved(t: Target): string {
    if (t.kind === "controller") return "no controller is active (the quorum has no leader)";
    if (t.kind !== "leader") return `${describeTarget(t)} names no node`;
    const tp = `${t.topic}-${t.partition}`;
    return activeController(this.world, this.controllerNodes) === null ? `leader(${tp}) names no broker: the controller is down` : `${tp} has no leader`;
  }

  /**
   * One warning for the targets that do nothing: "does nothing: …" when that is all of them
   * (or `whole`), else "does nothing to <those>: …".
   */
  private warnIdleTargets(f: Fault, label: string, idle: readonly IdleTarget[], whole = false): void {
    if (idle.length === 0) return;
    const all = whole || ("targets" in f && idle.length === f.targets.length);
    const why = [...new Set(idle.flatMap((x) => x.why))].join("; ");
    this.warn(f, label, all ? why : null, `does nothing to ${idle.map((x) => x.who).join(", ")}: ${why}`);
  }

  /** Records "does nothing: `why`" (or `partial` when given and `why` is null). */
  private warn(f: Fault, label: string, why: string | null, partial: string | null = null): void {
    const what = why !== null ? `does nothing: ${why}` : partial;
    if (what !== null) this.warnings.push(faultWarning(this.world.scheduler.now(), label, f, what));
  }

  /** Every link between different groups (as node indexes); a node in no group stays connected. */
  private pairs(groups: readonly string[][], oneWay: boolean): [number, number][] {
    const names = this.world.nodeNames();
    const index = new Map(names.map((n, i) => [n, i]));
    const pairs: [number, number][] = [];
    groups.forEach((g, gi) => {
      groups.forEach((h, hi) => {
        if (gi === hi || (oneWay && gi !== 0)) return;
        for (const a of g) for (const b of h) pairs.push([index.get(a)!, index.get(b)!]);
      });
    });
    return pairs;
  }

  private cut(cut: [number, number][]): [number, number][] {
    for (const [a, b] of cut) this.world.network.setCut(a, b, true);
    this.cuts.push(cut);
    return cut;
  }

  private heal(cut: [number, number][]): void {
    this.world.emit("faults", { kind: "Fault", action: "heal", links: cut.length });
    for (const [a, b] of cut) this.world.network.setCut(a, b, false);
    const i = this.cuts.indexOf(cut);
    if (i >= 0) this.cuts.splice(i, 1);
  }

  private healNetwork(): void {
    this.world.network.healAll();
    this.cuts.length = 0;
  }

  /** End of the run: heal the network and disks, resume paused nodes, restart dead servers. */
  healEverything(): void {
    this.world.emit("faults", { kind: "HealAll" });
    this.healNetwork();
    for (const d of this.disks.values()) d.slowDown(1);
    const servers = [...this.controllerNodes, ...this.brokerIds.map(brokerNode)];
    for (const n of this.world.nodeNames()) if (this.world.stateOf(n) === "paused") this.world.resume(n);
    for (const n of servers) if (this.world.stateOf(n) === "down") this.restart(n);
  }
}

interface IdleTarget {
  /** The target as the fault names it ("" for the fault as a whole). */
  readonly who: string;
  readonly why: readonly string[];
}
