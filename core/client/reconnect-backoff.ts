// NetworkClient's reconnect backoff (ClusterConnectionStates), for producers and consumers: after
// a connection to a broker breaks, the node is "unavailable" for reconnect.backoff.ms,
// doubling with each failure up to reconnect.backoff.max.ms (20% jitter), until a response
// arrives. The fetcher skips unavailable leaders, the coordinator lookup refuses an
// unavailable coordinator and retries after retry.backoff.ms (AbstractCoordinator.
// ensureCoordinatorReady), and bootstrap requests go to an available broker
// (leastLoadedNode); the producer's Sender drains nothing for an unavailable leader
// (NetworkClient.ready) and wakes when its backoff ends. Without it a client hot-loops at network round-trip speed against a
// crashed broker that metadata still names, until the controller fences it.

import type { Env, NodeId, Rng } from "../env.ts";

interface NodeBackoff {
  failures: number;
  untilUs: number;
}

export class ReconnectBackoff {
  private readonly nodes = new Map<NodeId, NodeBackoff>();

  constructor(
    private readonly env: Pick<Env<unknown, unknown>, "now">,
    private readonly rng: Rng,
    private readonly backoffMs: number,
    private readonly backoffMaxMs: number,
  ) {}

  /** The connection to `node` broke or was refused. */
  failed(node: NodeId): void {
    const b = this.nodes.get(node) ?? { failures: 0, untilUs: 0 };
    const ms = Math.min(this.backoffMs * 2 ** b.failures, this.backoffMaxMs);
    b.failures++;
    b.untilUs = this.env.now() + Math.round(ms * (0.8 + 0.4 * this.rng.next()) * 1000);
    this.nodes.set(node, b);
  }

  /** A response came back: the connection works. */
  connected(node: NodeId): void {
    if (this.nodes.size > 0) this.nodes.delete(node);
  }

  /** µs until `node` may be tried again; 0 when it may be now. */
  delayUs(node: NodeId): number {
    const b = this.nodes.get(node);
    return b === undefined ? 0 : Math.max(0, b.untilUs - this.env.now());
  }

  isUnavailable(node: NodeId): boolean {
    return this.delayUs(node) > 0;
  }
}
