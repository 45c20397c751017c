// How long partitions had no leader (Kafka's OfflinePartitionsCount above 0 for them): from a
// partition's first leader on, the time its controller metadata named none, over the whole run
// (the settling phase included), summed over partitions, and the longest single partition.

import type { RunModel } from "./types.ts";

export interface TimeOffline {
  readonly summedUs: number;
  readonly longestUs: number;
  /** The partition offline longest ("" when none was). */
  readonly longestKey: string;
}

export function timeOffline(model: RunModel): TimeOffline {
  let summedUs = 0;
  let longestUs = 0;
  let longestKey = "";
  for (const p of model.partitions) {
    let us = 0;
    for (const s of p.state.segments(0, model.endUs)) if (s.value.leaderEpoch >= 0 && s.value.leader < 0) us += s.toUs - s.fromUs;
    summedUs += us;
    if (us > longestUs) [longestUs, longestKey] = [us, p.key];
  }
  return { summedUs, longestUs, longestKey };
}
