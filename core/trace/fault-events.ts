// Trace events of the fault injector (scenario faults, the nemesis, the visualizer's
// interventions). A `Fault` is one of several shapes, told apart by `action`.

/** `forMs` is -1 when the fault is not undone by itself. */
export interface NodeFault {
  readonly kind: "Fault";
  readonly action: "crash" | "stop" | "restart" | "pause" | "powerLoss";
  /** The targets as written (`leader(orders-0)`, `2`, `all`). */
  readonly targets: readonly string[];
  /** The nodes they resolved to when the fault fired. */
  readonly nodes: readonly string[];
  readonly forMs: number;
}

export interface PartitionFault {
  readonly kind: "Fault";
  readonly action: "partition";
  /** Each group's node names, comma-joined. */
  readonly groups: readonly string[];
  readonly oneWay: boolean;
  readonly forMs: number;
}

export interface SlowDiskFault {
  readonly kind: "Fault";
  readonly action: "slowDisk";
  readonly broker: number;
  readonly factor: number;
  readonly forMs: number;
}

/** A heal of every cut (`heal:` in a scenario) or, with `links`, the end of one partition. */
export interface HealFault {
  readonly kind: "Fault";
  readonly action: "heal";
  readonly links?: number;
}

export interface LinkFault {
  readonly kind: "Fault";
  readonly action: "loss" | "delay";
  readonly probability: number;
  readonly delayMs: number;
  readonly forMs: number;
}

export type Fault = NodeFault | PartitionFault | SlowDiskFault | HealFault | LinkFault;

export interface NemesisSchedule {
  readonly kind: "NemesisSchedule";
  readonly faults: number;
}

/** End of `duration`: every fault is healed before the run settles. */
export interface HealAll {
  readonly kind: "HealAll";
}

export type FaultEvent = Fault | NemesisSchedule | HealAll;
