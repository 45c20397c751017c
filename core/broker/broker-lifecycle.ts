// BrokerLifecycleManager: the broker's standing with the controller. It registers (with its
// incarnation id, so a restarted process is told apart: KIP-966), heartbeats every
// broker.heartbeat.interval.ms with its metadata offset, heartbeats at once when it has caught
// up with the metadata log (setReadyToUnfence), registers again when the controller no longer
// knows its epoch, and for a controlled shutdown asks to shut down in its heartbeats until the
// controller has moved its leaderships away.

import type { BrokerSettings } from "../config/index.ts";
import type { Env } from "../env.ts";
import { Errors } from "../protocol/errors.ts";
import type { BrokerHeartbeatResponse, BrokerRegistrationResponse, KafkaMessage } from "../protocol/messages.ts";
import { assertNever } from "../assert-never.ts";
import { ExponentialBackoff } from "../client/exponential-backoff.ts";
import { BROKER_HEARTBEAT, BROKER_REGISTRATION_RETRY, type BrokerLifecycleTimer } from "./broker-timers.ts";

/** BrokerLifecycleManager.resendExponentialBackoff: 100 ms doubling up to broker.session.timeout.ms, ±2%. */
const REGISTER_BACKOFF_INITIAL_MS = 100;
const REGISTER_BACKOFF_JITTER = 0.02;

export interface LifecycleHost {
  readonly env: Env<KafkaMessage, BrokerLifecycleTimer>;
  readonly brokerId: number;
  readonly incarnationId: number;
  readonly settings: BrokerSettings;
  /** Registers a request to the controller (the broker owns in-flight tracking); returns its correlation id. */
  track(type: "register" | "heartbeat"): number;
  /** Whether the response to `correlationId` was still awaited (it no longer is). */
  complete(correlationId: number): boolean;
  /** Offset of the last metadata record the broker applied. */
  metadataOffset(): number;
  /** Registration accepted: start following the metadata log. */
  onRegistered(): void;
  /** The active controller's node as the broker knows it. */
  controller(): string;
  /** Whether the broker knows which controller is active (always, with one controller). */
  controllerKnown(): boolean;
}

export class BrokerLifecycleManager {
  private brokerEpoch = -1;
  private readonly registerBackoff: ExponentialBackoff;
  /** Registrations refused or lost in a row (failedAttempts): the next retry waits longer. */
  private failedAttempts = 0;
  private heartbeatInFlight = false;
  /** Caught up while a heartbeat was in flight: send another at once to get unfenced. */
  private heartbeatAgain = false;
  private wantShutDown = false;
  private shutdownDone: (() => void) | null = null;

  constructor(private readonly host: LifecycleHost) {
    this.registerBackoff = new ExponentialBackoff(REGISTER_BACKOFF_INITIAL_MS, host.settings.brokerSessionTimeoutMs, host.env.rng.fork("lifecycle"), REGISTER_BACKOFF_JITTER);
  }

  /** The epoch the controller gave this registration, or -1 while unregistered. */
  get epoch(): number {
    return this.brokerEpoch;
  }

  register(): void {
    const { env, brokerId, incarnationId } = this.host;
    const correlationId = this.host.track("register");
    env.send(this.host.controller(), { kind: "BrokerRegistration", correlationId, brokerId, incarnationId });
  }

  /** setReadyToUnfence: caught up with the metadata log, heartbeat now rather than at the next interval. */
  readyToUnfence(): void {
    if (this.heartbeatInFlight) this.heartbeatAgain = true;
    else this.heartbeat();
  }

  /** SIGTERM: a controlled shutdown when enabled and registered; `done` once the controller agrees. */
  shutDown(done: () => void): void {
    if (!this.host.settings.controlledShutdownEnable || this.brokerEpoch < 0) {
      done();
      return;
    }
    this.wantShutDown = true;
    this.shutdownDone = done;
    this.host.env.emit({ kind: "ControlledShutdownRequested" });
    this.heartbeatInFlight = false;
    this.heartbeat();
  }

  onRegistrationResponse(msg: BrokerRegistrationResponse): void {
    const { env, settings } = this.host;
    if (!this.host.complete(msg.correlationId)) return;
    if (msg.error === Errors.NOT_CONTROLLER && this.host.controllerKnown()) {
      // A controller that is not active named the one that is: send it there now.
      this.register();
      return;
    }
    if (msg.error !== Errors.NONE) {
      // DUPLICATE_BROKER_REGISTRATION while the previous incarnation's session is still valid, among others.
      this.retryRegistration();
      return;
    }
    this.failedAttempts = 0;
    this.brokerEpoch = msg.brokerEpoch;
    env.emit({ kind: "BrokerRegistered", brokerEpoch: msg.brokerEpoch });
    this.heartbeat();
    env.setTimer(settings.brokerHeartbeatIntervalMs * 1000, BROKER_HEARTBEAT);
    this.host.onRegistered();
  }

  onHeartbeatResponse(msg: BrokerHeartbeatResponse): void {
    if (!this.host.complete(msg.correlationId)) return;
    this.heartbeatInFlight = false;
    if (this.heartbeatAgain) {
      this.heartbeatAgain = false;
      this.heartbeat();
    }
    if (msg.error === Errors.NOT_CONTROLLER) {
      // NodeToControllerChannelManager re-sends to the new active controller once it is known.
      if (this.host.controllerKnown()) this.heartbeat();
      return;
    }
    if (msg.error === Errors.STALE_BROKER_EPOCH || msg.error === Errors.BROKER_ID_NOT_REGISTERED) {
      this.brokerEpoch = -1;
      this.register();
      return;
    }
    if (msg.shouldShutDown && this.shutdownDone !== null) {
      this.host.env.emit({ kind: "ControlledShutdownComplete" });
      const done = this.shutdownDone;
      this.shutdownDone = null;
      done();
    }
  }

  /** scheduleNextCommunicationAfterFailure. */
  private retryRegistration(): void {
    this.host.env.setTimer(this.registerBackoff.backoffUs(this.failedAttempts++), BROKER_REGISTRATION_RETRY);
  }

  /** A registration or heartbeat timed out or lost its connection. */
  requestFailed(type: "register" | "heartbeat"): void {
    if (type === "register") this.retryRegistration();
    else this.heartbeatInFlight = false;
  }

  onTimer(timer: BrokerLifecycleTimer): void {
    switch (timer.kind) {
      case "BrokerRegistrationRetryTimer":
        this.register();
        return;
      case "BrokerHeartbeatTimer":
        this.heartbeat();
        this.host.env.setTimer(this.host.settings.brokerHeartbeatIntervalMs * 1000, BROKER_HEARTBEAT);
        return;
      default:
        assertNever(timer);
    }
  }

  private heartbeat(): void {
    if (this.heartbeatInFlight || this.brokerEpoch < 0) return;
    this.heartbeatInFlight = true;
    const correlationId = this.host.track("heartbeat");
    this.host.env.send(this.host.controller(), {
      kind: "BrokerHeartbeat",
      correlationId,
      brokerId: this.host.brokerId,
      brokerEpoch: this.brokerEpoch,
      currentMetadataOffset: this.host.metadataOffset(),
      wantFence: false,
      wantShutDown: this.wantShutDown,
    });
  }
}
