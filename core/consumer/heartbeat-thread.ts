// The consumer's heartbeat "thread" (AbstractCoordinator.HeartbeatThread): a timer every
// heartbeat.interval.ms that keeps running while the application processes. It sends a
// Heartbeat, notices a coordinator that has not answered for session.timeout.ms, and makes
// the member leave the group when the application has not called poll() for
// max.poll.interval.ms. A GC pause (the world pausing the node) stops it too.

import { Errors, type ErrorCode } from "../protocol/errors.ts";
import type { ConsumerContext } from "./consumer-context.ts";
import type { ConsumerCoordinator, MembershipListener } from "./coordinator-client.ts";
import { HEARTBEAT_THREAD } from "./consumer-timers.ts";

export class HeartbeatThread {
  private inFlight = false;
  private armed = false;
  /** Last successful heartbeat (or join, or coordinator lookup): the client's session clock. */
  lastOkUs = 0;

  constructor(
    private readonly ctx: ConsumerContext,
    private readonly member: ConsumerCoordinator,
    private readonly listener: MembershipListener,
  ) {}

  arm(): void {
    if (this.armed) return;
    this.armed = true;
    this.ctx.env.setTimer(this.ctx.settings.heartbeatIntervalMs * 1000, HEARTBEAT_THREAD);
  }

  /** HeartbeatThread.run, once per heartbeat.interval.ms. */
  onTimer(): void {
    this.armed = false;
    const m = this.member;
    if (m.state === "UNJOINED" || m.state === "PREPARING_REBALANCE") return;
    const env = this.ctx.env;
    const now = env.now();
    const s = this.ctx.settings;
    if (m.coordinator === null) {
      m.ensureCoordinator();
    } else if (now - this.lastOkUs > s.sessionTimeoutMs * 1000) {
      m.markCoordinatorUnknown("session timed out without a successful heartbeat");
    } else if (now - m.lastPollUs > s.maxPollIntervalMs * 1000) {
      env.emit({ kind: "PollTimeoutExpired", group: this.ctx.groupId, member: m.memberId, sincePollMs: Math.round((now - m.lastPollUs) / 1000) });
      m.maybeLeaveGroup("consumer poll timeout has expired");
      this.listener.onMembershipLost("poll timeout");
      return;
    } else if (!this.inFlight) {
      this.inFlight = true;
      this.ctx.request(m.coordinator, { type: "heartbeat" }, s.requestTimeoutMs, (correlationId) => ({
        kind: "Heartbeat",
        correlationId,
        groupId: this.ctx.groupId,
        generationId: m.generation,
        memberId: m.memberId,
        groupInstanceId: m.instanceId,
      }));
    }
    this.arm();
  }

  onResponse(error: ErrorCode): void {
    this.inFlight = false;
    const m = this.member;
    if (error === Errors.NONE || error === Errors.REBALANCE_IN_PROGRESS) this.lastOkUs = this.ctx.env.now();
    switch (error) {
      case Errors.NONE:
        return;
      case Errors.REBALANCE_IN_PROGRESS:
        if (m.state === "STABLE") m.requestRejoin("group is rebalancing");
        return;
      case Errors.ILLEGAL_GENERATION:
      case Errors.UNKNOWN_MEMBER_ID:
        if (m.state !== "STABLE" && m.state !== "COMPLETING_REBALANCE") return;
        m.resetGeneration(error === Errors.UNKNOWN_MEMBER_ID);
        this.listener.onMembershipLost(error);
        m.requestRejoin(`heartbeat: ${error}`);
        return;
      case Errors.FENCED_INSTANCE_ID:
        m.resetGeneration(true);
        this.listener.fatal("FENCED_INSTANCE_ID: another consumer took this group.instance.id");
        return;
      case Errors.COORDINATOR_NOT_AVAILABLE:
      case Errors.NOT_COORDINATOR:
        m.markCoordinatorUnknown(`heartbeat: ${error}`);
        return;
      default:
        return; // retried at the next interval
    }
  }

  /** The Heartbeat timed out or its connection broke. */
  onFailed(error: ErrorCode): void {
    this.inFlight = false;
    this.member.markCoordinatorUnknown(`Heartbeat: ${error}`);
  }
}
