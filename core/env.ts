// The only door between Kafka's logic (core/) and the simulated world (sim/).
// A node never reads a clock, draws a random number or does I/O except through Env,
// so the world decides time, delivery order and failures, and one seed replays one history.

import type { TraceEvent } from "./trace/index.ts";

/** A node's name in the world: "broker-1", "controller", a producer id, "<group>-<n>". */
export type NodeId = string;

/** Simulated time and durations are integer microseconds. */
export type Micros = number;

/** An opaque handle returned by setTimer; pass it back to cancelTimer. */
export interface TimerHandle {
  readonly __timer: true;
}

/** A named, independent stream of deterministic random numbers. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** A signed 32-bit integer, like Java's Random.nextInt(). */
  int32(): number;
  /** A child stream whose numbers depend only on this stream's seed and `name`. */
  fork(name: string): Rng;
}

/**
 * One file on a broker's simulated disk: an append-only sequence of entries (a log
 * segment holds record batches, a checkpoint file holds one entry). Entries live in the
 * page cache as soon as they are appended; they become durable on fsync or on the OS's
 * background write-back. A process crash keeps the page cache; a power loss keeps only
 * the durable prefix.
 */
export interface DiskFile<T> {
  readonly name: string;
  /** Entries as the process sees them (page cache included). */
  readonly entries: readonly T[];
  /** Bytes as the process sees them. */
  readonly sizeBytes: number;
  /**
   * Appends into the page cache. Returns how long the writer is blocked because the machine
   * has too much dirty data (Linux's vm.dirty_ratio); 0 when it is not.
   */
  append(entry: T, sizeBytes: number): Micros;
  /** Drops entries from index `entryCount` on (log truncation). */
  truncate(entryCount: number): void;
  /** Replaces the whole content (checkpoint files, compaction rewriting a segment). */
  replace(entries: readonly T[], sizeBytes: readonly number[]): void;
  /** Starts an fsync; returns the delay until the bytes appended so far are durable. */
  fsync(): Micros;
  /** Reads `bytes` starting at entry `fromEntry`; returns the delay (page-cache hit ≈ 0). */
  read(fromEntry: number, bytes: number): Micros;
}

export interface Disk {
  open<T>(name: string): DiskFile<T>;
  exists(name: string): boolean;
  /** Names of the files whose name starts with `prefix`, in creation order. */
  list(prefix: string): string[];
  remove(name: string): void;
}

/**
 * What the world offers a node. `M` is the node's message type, `T` its timer type: the value
 * given to setTimer comes back to onTimer as is (a discriminated union on `kind`, core/timer.ts).
 */
export interface Env<M, T> {
  readonly nodeId: NodeId;
  now(): Micros;
  send(to: NodeId, msg: M): void;
  setTimer(delayUs: Micros, timer: T): TimerHandle;
  cancelTimer(timer: TimerHandle): void;
  /**
   * From a timer handler: moves this handler's clock forward to `timeUs` when nothing else in
   * the world happens before then (the history is the same as with a timer at `timeUs`, at a
   * fraction of the events). Returns false, leaving the clock alone, when something might;
   * the node then sets a timer as usual. Optional: a world may always say no.
   */
  runAheadTo?(timeUs: Micros): boolean;
  readonly disk: Disk;
  readonly rng: Rng;
  /** Records a trace event; the world adds the time and this node's name. */
  emit(event: TraceEvent): void;
  /** True when someone records every trace event; lets a node skip building costly fields. */
  readonly tracing: boolean;
}

/**
 * A process in the world. Handlers run one at a time, to completion, at one instant.
 * The world never calls a crashed or paused node.
 */
export interface SimNode<M, T> {
  onStart(env: Env<M, T>): void;
  onMessage(from: NodeId, msg: M): void;
  onTimer(timer: T): void;
  /** The connection to `peer` broke (crash or partition), seen after the client's timeout. */
  onDisconnect?(peer: NodeId): void;
  /**
   * SIGTERM: run the node's own shutdown (a broker's controlled shutdown) and call `done`
   * when it may exit. The world kills the node if `done` is not called in time.
   */
  onStop?(done: () => void): void;
}
