// Every trace event, as one union discriminated on `kind`: what core/ nodes emit through
// Env.emit and what sim/ writes about the world. Readers (the visualizer, the report, tests)
// switch on `kind` and get each event's fields typed. Re-exports only.

import type { BrokerLifecycleEvent } from "./broker-events.ts";
import type { CheckerEvent } from "./checker-events.ts";
import type { ConsumerEvent } from "./consumer-events.ts";
import type { ConsumerGroupEvent } from "./consumer-group-events.ts";
import type { ControllerEvent } from "./controller-events.ts";
import type { FaultEvent } from "./fault-events.ts";
import type { ClassicGroupEvent, CoordinatorEvent } from "./group-events.ts";
import type { LogEvent } from "./log-events.ts";
import type { MembershipEvent } from "./membership-events.ts";
import type { ProducerEvent } from "./producer-events.ts";
import type { RaftEvent } from "./raft-events.ts";
import type { ReplicationEvent } from "./replication-events.ts";
import type { TransactionEvent } from "./transaction-events.ts";
import type { NetworkEvent, ProcessEvent } from "./world-events.ts";

export type * from "./broker-events.ts";
export type * from "./checker-events.ts";
export type * from "./consumer-events.ts";
export type * from "./consumer-group-events.ts";
export type * from "./controller-events.ts";
export type * from "./fault-events.ts";
export type * from "./group-events.ts";
export type * from "./log-events.ts";
export type * from "./membership-events.ts";
export type * from "./producer-events.ts";
export type * from "./raft-events.ts";
export type * from "./replication-events.ts";
export type * from "./transaction-events.ts";
export type * from "./world-events.ts";
export type { TraceValue } from "./trace-value.ts";
export { fieldsOf } from "./trace-value.ts";

export type TraceEvent =
  | BrokerLifecycleEvent
  | ReplicationEvent
  | LogEvent
  | ControllerEvent
  | RaftEvent
  | ProducerEvent
  | ConsumerEvent
  | MembershipEvent
  | CoordinatorEvent
  | ClassicGroupEvent
  | ConsumerGroupEvent
  | TransactionEvent
  | ProcessEvent
  | NetworkEvent
  | FaultEvent
  | CheckerEvent;

export type TraceKind = TraceEvent["kind"];

/** The event (or, for `Fault`, the events) of one kind. */
export type TraceEventOf<K extends TraceKind> = Extract<TraceEvent, { readonly kind: K }>;
