// The active controller as the world sees it: the single controller node, or in a quorum the
// voter whose Raft leadership has committed a record of its epoch (an old leader cut off from
// the quorum may still think it leads until check-quorum resigns it: the highest epoch wins).

import type { Controller } from "../../core/controller/controller.ts";
import { QuorumControllerNode } from "../../core/controller/quorum-controller-node.ts";
import type { KafkaMessage } from "../../core/protocol/messages.ts";
import type { Timer } from "../../core/timer.ts";
import type { World } from "../world/world.ts";

/** The node name of the active controller, or null while none is. */
export function activeControllerNode(world: World<KafkaMessage, Timer>, nodes: readonly string[]): string | null {
  if (nodes.length === 1) return world.nodeOf(nodes[0]!) === null ? null : nodes[0]!;
  let best: string | null = null;
  let bestEpoch = -1;
  for (const n of nodes) {
    const node = world.nodeOf(n);
    if (!(node instanceof QuorumControllerNode) || node.active === null) continue;
    if (node.raftState.epoch > bestEpoch) {
      best = n;
      bestEpoch = node.raftState.epoch;
    }
  }
  return best;
}

export function activeController(world: World<KafkaMessage, Timer>, nodes: readonly string[]): Controller | null {
  const name = activeControllerNode(world, nodes);
  if (name === null) return null;
  const node = world.nodeOf(name);
  return node instanceof QuorumControllerNode ? node.active : (node as Controller | null);
}
