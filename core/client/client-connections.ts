// A client's connections as NetworkClient keeps them (ClusterConnectionStates): a connection
// that broke must be established again before it carries a request — after reconnect.backoff.ms,
// by a round trip the broker answers (the ApiVersions request every new connection starts
// with; the connection is ready only once its response is back). So nothing is sent to a
// broker that is down: a killed broker's host refuses the connection at once, the client backs
// off and tries again, and its requests wait in the client meanwhile. Clients start connected
// to every broker (the first connections are not modelled).

import type { NodeId } from "../env.ts";
import type { ReconnectBackoff } from "./reconnect-backoff.ts";

export class ClientConnections {
  /** Connections that broke and are not established again yet. */
  private readonly broken = new Set<NodeId>();
  private readonly connecting = new Set<NodeId>();

  constructor(
    private readonly backoff: ReconnectBackoff,
    /** Sends the handshake request; its response must reach `established`. */
    private readonly handshake: (node: NodeId) => void,
  ) {}

  /** Whether `node` can take a request now (no side effect). */
  isReady(node: NodeId): boolean {
    return this.broken.size === 0 || !this.broken.has(node);
  }

  /** NetworkClient.ready: as isReady, and starts connecting to a broken node whose backoff is over. */
  ready(node: NodeId): boolean {
    if (this.isReady(node)) return true;
    if (!this.connecting.has(node) && this.backoff.delayUs(node) === 0) {
      this.connecting.add(node);
      this.handshake(node);
    }
    return false;
  }

  /** NetworkClient.pollDelayMs: µs until `node` is worth asking again; Infinity while a handshake is out (its answer wakes the client). */
  pollDelayUs(node: NodeId): number {
    if (this.isReady(node)) return 0;
    return this.connecting.has(node) ? Infinity : this.backoff.delayUs(node);
  }

  /** In reconnect backoff: not to be tried now. */
  isUnavailable(node: NodeId): boolean {
    return this.backoff.isUnavailable(node);
  }

  /** The connection broke, was refused, or a request on it timed out. */
  disconnected(node: NodeId): void {
    this.broken.add(node);
    this.connecting.delete(node);
    this.backoff.failed(node);
  }

  /** The handshake's response arrived. */
  established(node: NodeId): void {
    this.connecting.delete(node);
    this.broken.delete(node);
    this.backoff.connected(node);
  }

  /** Any response proves the connection works (resets the backoff's failure count). */
  heardFrom(node: NodeId): void {
    this.backoff.connected(node);
  }
}
