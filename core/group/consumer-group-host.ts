// What the KIP-848 consumer group protocol needs from the GroupCoordinator that hosts it:
// time, the network, timers, writes to the group's __consumer_offsets partition, topic
// metadata for the assignor, the trace, and the broker's group.consumer.* configs.

import type { ConsumerGroupEvent } from "../trace/index.ts";
import type { NodeId, TimerHandle } from "../env.ts";
import type { ErrorCode } from "../protocol/errors.ts";
import type { CoordinatorRecord } from "../protocol/coordinator-records.ts";
import type { KafkaMessage } from "../protocol/messages.ts";
import type { ServerAssignorName } from "./server-assignor.ts";

export interface ConsumerGroupHost {
  now(): number;
  send(to: NodeId, msg: KafkaMessage): void;
  schedule(delayUs: number, fn: () => void): TimerHandle;
  cancel(timer: TimerHandle): void;
  /** Appends the records to the group's offsets partition; `done` once committed or failed. */
  write(groupId: string, records: readonly CoordinatorRecord[], done: (error: ErrorCode) => void): void;
  partitionCount(topic: string): number;
  emit(event: ConsumerGroupEvent): void;
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly assignors: readonly ServerAssignorName[];
  readonly maxSize: number;
}
