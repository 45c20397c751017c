// LogManager's recovery-point-offset-checkpoint: one file in the log directory holding every
// log's recovery point, rewritten (and fsynced) every log.flush.offset.checkpoint.interval.ms
// and at shutdown. A start after an unclean shutdown recovers each log from the offset here.

import type { Disk, DiskFile } from "../env.ts";
import type { PartitionLog } from "./partition-log.ts";

type Entries = readonly (readonly [dir: string, recoveryPoint: number])[];

export class RecoveryPointCheckpoint {
  private readonly file: DiskFile<Entries>;

  constructor(disk: Disk, logDir: string) {
    this.file = disk.open<Entries>(`${logDir}/recovery-point-offset-checkpoint`);
  }

  /** The checkpointed recovery point of each log directory. */
  read(): Map<string, number> {
    return new Map(this.file.entries.at(-1) ?? []);
  }

  /** OffsetCheckpointFile.write: the whole file, fsynced; skipped when nothing moved. */
  write(logs: Iterable<PartitionLog>): void {
    const entries: [string, number][] = [];
    for (const log of logs) entries.push([log.dir, log.recoveryPoint]);
    const last = this.file.entries.at(-1);
    if (last !== undefined && last.length === entries.length && last.every(([d, o], i) => d === entries[i]![0] && o === entries[i]![1])) return;
    // Kafka's text format: a version line, a count line, then "topic partition offset" per log.
    this.file.replace([entries], [4 + entries.length * 24]);
    this.file.fsync();
  }
}
