// Requests a node has sent and not yet heard back about (Kafka's InFlightRequests in
// NetworkClient): each has a deadline (request.timeout.ms) and dies with its connection.
// The owner feeds it the RequestTimeout timers it set and disconnects and gets back what failed.

import type { Env, NodeId, TimerHandle } from "../env.ts";
import type { RequestTimeout } from "./request-timeout.ts";

export interface InFlight<T> {
  readonly correlationId: number;
  readonly destination: NodeId;
  readonly info: T;
  readonly sentUs: number;
  timer: TimerHandle | null;
}

export class InFlightRequests<T> {
  private readonly requests = new Map<number, InFlight<T>>();
  /** Requests in flight per destination, kept as they come and go (countTo runs on every send decision). */
  private readonly perDestination = new Map<NodeId, number>();
  private nextCorrelationId = 1;

  constructor(private readonly env: Env<unknown, RequestTimeout>) {}

  get size(): number {
    return this.requests.size;
  }

  countTo(destination: NodeId): number {
    return this.perDestination.get(destination) ?? 0;
  }

  private forget(r: InFlight<T>): void {
    this.requests.delete(r.correlationId);
    this.perDestination.set(r.destination, this.perDestination.get(r.destination)! - 1);
  }

  /** Registers a request and returns its correlation id; timeoutMs ≤ 0 means no deadline. */
  add(destination: NodeId, info: T, timeoutMs: number): number {
    const correlationId = this.nextCorrelationId++;
    const r: InFlight<T> = { correlationId, destination, info, sentUs: this.env.now(), timer: null };
    if (timeoutMs > 0) r.timer = this.env.setTimer(timeoutMs * 1000, { kind: "RequestTimeout", correlationId });
    this.requests.set(correlationId, r);
    this.perDestination.set(destination, (this.perDestination.get(destination) ?? 0) + 1);
    return correlationId;
  }

  /** The response arrived: returns the request (once), or undefined if it had failed already. */
  complete(correlationId: number): InFlight<T> | undefined {
    const r = this.requests.get(correlationId);
    if (r === undefined) return undefined;
    this.forget(r);
    if (r.timer !== null) this.env.cancelTimer(r.timer);
    return r;
  }

  /** A RequestTimeout fired: returns the timed-out request, unless it was answered already. */
  timedOut(timer: RequestTimeout): InFlight<T> | undefined {
    const r = this.requests.get(timer.correlationId);
    if (r === undefined) return undefined;
    this.forget(r);
    return r;
  }

  /** The connection to `destination` broke: every request to it failed. */
  disconnected(destination: NodeId): InFlight<T>[] {
    const failed: InFlight<T>[] = [];
    for (const r of this.requests.values()) if (r.destination === destination) failed.push(r);
    for (const r of failed) this.complete(r.correlationId);
    return failed;
  }

  all(): IterableIterator<InFlight<T>> {
    return this.requests.values();
  }
}
