// Trace events the world writes about processes and the network, on behalf of no node's
// logic: lifecycle (crash, stop, pause, power loss) and messages on the wire.

export interface NodeStarted {
  readonly kind: "NodeStarted";
  readonly incarnation: number;
}

export interface NodeCrashed {
  readonly kind: "NodeCrashed";
}

export interface PowerLost {
  readonly kind: "PowerLost";
  readonly wasDown: boolean;
}

export interface NodeStopping {
  readonly kind: "NodeStopping";
}

export interface NodeStopped {
  readonly kind: "NodeStopped";
}

/** SIGTERM's shutdown took longer than the world allows: the process is killed. */
export interface StopTimedOut {
  readonly kind: "StopTimedOut";
}

export interface NodePaused {
  readonly kind: "NodePaused";
}

export interface NodeResumed {
  readonly kind: "NodeResumed";
  /** Messages and timers that waited for the pause to end. */
  readonly backlog: number;
}

/** A message put on the wire; `msg` is the message's kind. */
export interface Send {
  readonly kind: "Send";
  readonly to: string;
  readonly msg: string;
  readonly arrivalUs: number;
}

/** A message that will never arrive (its receiver died, its connection was reset). */
export interface Dropped {
  readonly kind: "Dropped";
  readonly to: string;
  readonly msg: string;
  readonly reason: string;
}

export type ProcessEvent = NodeStarted | NodeCrashed | PowerLost | NodeStopping | NodeStopped | StopTimedOut | NodePaused | NodeResumed;

export type NetworkEvent = Send | Dropped;
