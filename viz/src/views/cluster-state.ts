// What the cluster view shows for a broker and a replica at time t, read from the model.

import type { PartitionModel, RunModel } from "../model/types.ts";
import { STATE_COLOURS } from "../palette.ts";

export interface BrokerLook {
  readonly label: string;
  readonly fill: string;
  readonly dashed: boolean;
}

export function brokerState(model: RunModel, id: number, timeUs: number): BrokerLook {
  const process = model.process.get(`broker-${id}`)?.at(timeUs) ?? "down";
  const fenced = model.fenced.get(id)?.at(timeUs) ?? true;
  if (process === "up") return fenced ? { label: "fenced", fill: STATE_COLOURS.fenced, dashed: true } : { label: "up", fill: "#ffffff", dashed: false };
  const labels = { down: "not started", crashed: "CRASHED", powerLost: "POWER LOST", stopping: "stopping", stopped: "stopped", paused: "PAUSED" } as const;
  return { label: fenced ? `${labels[process]} · fenced` : labels[process], fill: STATE_COLOURS[process], dashed: process !== "paused" };
}

export interface ReplicaFacts {
  readonly hosted: boolean;
  readonly leader: boolean;
  readonly inIsr: boolean;
  /** Out of the ISR but an eligible leader replica (KIP-966). */
  readonly eligible: boolean;
  readonly epoch: number;
  readonly leo: number;
  readonly hw: number;
  /** The last stable offset while below the HW (an open transaction), else -1. */
  readonly lso: number;
}

export function replicaFacts(p: PartitionModel, broker: number, timeUs: number): ReplicaFacts {
  const view = p.state.at(timeUs);
  const log = p.logs.get(broker);
  const [leo, hw] = log?.at(timeUs) ?? [0, 0];
  const lso = p.lso.get(broker)?.at(timeUs) ?? -1;
  return { hosted: log !== undefined, leader: view.leader === broker, inIsr: view.isr.includes(broker), eligible: view.elr.includes(broker), epoch: view.leaderEpoch, leo, hw, lso: lso >= 0 && lso < hw ? lso : -1 };
}

/**
 * The offsets a partition's bars show: its tail, from the lowest committed or in-sync offset
 * to the highest log end offset, so a few uncommitted records are visible next to 50,000.
 */
export function tailDomain(p: PartitionModel, timeUs: number): [number, number] {
  const view = p.state.at(timeUs);
  let hi = 0;
  let lo = Number.POSITIVE_INFINITY;
  for (const [broker, log] of p.logs) {
    const [leo, hw] = log.at(timeUs);
    hi = Math.max(hi, leo);
    if (view.isr.includes(broker) || view.leader === broker) lo = Math.min(lo, leo, hw);
  }
  if (!Number.isFinite(lo)) lo = 0;
  lo = Math.max(lo - Math.ceil((hi - lo) * 0.1), hi - 100_000, 0);
  if (hi - lo < 20) lo = Math.max(0, hi - 20);
  return [lo, hi];
}
