// Carries out the scenario's faults on the world: crashes, clean stops, restarts, pauses,
// power losses, network partitions, slow disks, message loss and delay, each optionally
// undone after `for:`. Targets resolve when the fault fires, so `leader(orders-0)` is
// whoever leads then. The same methods serve interactive faults from the visualizer.

import { brokerNode, CONTROLLER_NODE } from "../../core/cluster-names.ts";
import type { Controller } from "../../core/controller/controller.ts";
import type { KafkaMessage } from "../../core/protocol/messages.ts";
import { NO_LEADER } from "../../core/protocol/metadata-records.ts";
import type { SimDisk } from "../disk/index.ts";
import type { Fault, NodeAction, Scenario, Target } from "../scenario/types.ts";
import { targetName } from "../scenario/target-name.ts";
import { nemesisEntry, nemesisFaults, type NemesisEntry } from "./nemesis.ts";
import type { World } from "../world/world.ts";
import type { Timer } from "../../core/timer.ts";

export class FaultInjector {
  /** Links cut by each active partition, so `for:` heals exactly those. */
  private readonly cuts: [number, number][][] = [];
  /** What the scenario's nemesis drew from the seed; null without a nemesis. */
  nemesisSchedule: NemesisEntry[] | null = null;

  constructor(
    private readonly world: World<KafkaMessage, Timer>,
    private readonly disks: Map<string, SimDisk>,
    private readonly brokerIds: readonly number[],
  ) {}

  /** Schedules the scenario's faults and those its nemesis draws from the seed. */
  scheduleScenario(scenario: Scenario): void {
    this.schedule(scenario.faults);
    if (scenario.nemesis !== null) {
      const drawn = nemesisFaults(scenario.nemesis, this.world.rng.fork("nemesis"), this.brokerIds.length, scenario.topics);
      this.world.emit("faults", { kind: "NemesisSchedule", faults: drawn.length });
      this.nemesisSchedule = drawn.map(nemesisEntry);
      this.schedule(drawn);
    }
  }

  schedule(faults: readonly Fault[]): void {
    for (const f of faults) this.world.scheduler.at(f.atUs, () => this.apply(f));
  }

  /** Resolves a target to node names now. */
  resolve(t: Target): string[] {
    switch (t.kind) {
      case "broker":
        return [brokerNode(t.id)];
      case "all":
        return this.brokerIds.map(brokerNode);
      case "controller":
        return [CONTROLLER_NODE];
      case "producer":
        return [t.id];
      case "consumer":
        return [`${t.group}-${t.instance}`];
      case "leader": {
        const controller = this.world.nodeOf(CONTROLLER_NODE) as Controller | null;
        const leader = controller?.partitionLeader(t.topic, t.partition) ?? NO_LEADER;
        return leader === NO_LEADER ? [] : [brokerNode(leader)];
      }
    }
  }

  apply(f: Fault): void {
    const world = this.world;
    switch (f.action) {
      case "crash":
      case "stop":
      case "restart":
      case "pause":
      case "powerLoss": {
        const nodes = f.targets.flatMap((t) => this.resolve(t));
        world.emit("faults", { kind: "Fault", action: f.action, targets: f.targets.map((t) => targetName(t)), nodes, forMs: f.forUs === null ? -1 : f.forUs / 1000 });
        for (const n of nodes) this.nodeAction(f.action, n);
        if (f.forUs !== null) world.scheduler.after(f.forUs, () => this.undoNodeAction(f.action, nodes));
        return;
      }
      case "partition": {
        const groups = f.groups.map((g) => g.flatMap((t) => this.resolve(t)));
        // A single group (from a nemesis) is isolated from every other node.
        if (groups.length === 1) groups.push(this.world.nodeNames().filter((n) => !groups[0]!.includes(n)));
        world.emit("faults", { kind: "Fault", action: "partition", groups: groups.map((g) => g.join(",")), oneWay: f.oneWay, forMs: f.forUs === null ? -1 : f.forUs / 1000 });
        const cut = this.cut(groups, f.oneWay);
        if (f.forUs !== null) world.scheduler.after(f.forUs, () => this.heal(cut));
        return;
      }
      case "slowDisk": {
        const disk = this.disks.get(brokerNode(f.broker));
        world.emit("faults", { kind: "Fault", action: "slowDisk", broker: f.broker, factor: f.factor, forMs: f.forUs === null ? -1 : f.forUs / 1000 });
        disk?.slowDown(f.factor);
        if (f.forUs !== null) world.scheduler.after(f.forUs, () => disk?.slowDown(1));
        return;
      }
      case "heal":
        world.emit("faults", { kind: "Fault", action: "heal" });
        this.healNetwork();
        return;
      case "loss":
      case "delay": {
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
    else if (action === "restart") w.restart(node);
    else if (action === "pause") w.pause(node);
    else w.powerLoss(node);
  }

  /** `for:` after a crash, stop or power loss restarts the node; after a pause it resumes. */
  private undoNodeAction(action: NodeAction, nodes: readonly string[]): void {
    for (const n of nodes) {
      if (action === "pause") this.world.resume(n);
      else if (action !== "restart") this.world.restart(n);
    }
  }

  /** Cuts every link between different groups; a node in no group stays connected. */
  private cut(groups: readonly string[][], oneWay: boolean): [number, number][] {
    const names = this.world.nodeNames();
    const index = new Map(names.map((n, i) => [n, i]));
    const cut: [number, number][] = [];
    groups.forEach((g, gi) => {
      groups.forEach((h, hi) => {
        if (gi === hi || (oneWay && gi !== 0)) return;
        for (const a of g) for (const b of h) cut.push([index.get(a)!, index.get(b)!]);
      });
    });
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
    const servers = [CONTROLLER_NODE, ...this.brokerIds.map(brokerNode)];
    for (const n of this.world.nodeNames()) if (this.world.stateOf(n) === "paused") this.world.resume(n);
    for (const n of servers) if (this.world.stateOf(n) === "down") this.world.restart(n);
  }
}
