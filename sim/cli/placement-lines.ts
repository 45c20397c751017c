// `kafkasim validate` on a cluster with racks: where each partition's replicas go (the
// controller's StripedReplicaPlacer, from the seed), preferred leader first, with their racks.

import { placeTopics } from "../run/placement.ts";
import type { Scenario } from "../scenario/types.ts";

export function placementLines(s: Scenario): string[] {
  const racks = s.cluster.racks;
  if (racks === null) return [];
  const brokerIds = racks.map((_, i) => i + 1);
  const placed = placeTopics(s.seed, racks, brokerIds, s.topics);
  const lines = [`placement (seed ${s.seed}; replicas, preferred leader first):`];
  s.topics.forEach((t, i) => {
    placed[i]!.forEach((replicas, p) => {
      const zones = replicas.map((b) => racks[b - 1]!);
      lines.push(`  ${t.name}-${p}  [${replicas.join(", ")}]  ${zones.join(", ")}${new Set(zones).size < zones.length ? "  (two replicas share a rack)" : ""}`);
    });
  });
  return lines;
}
