// Writes trace records as NDJSON to an output file, buffered and synchronous: the simulation
// loop never yields, so an async stream would only grow in memory until the run ends.

import type { OutputFile } from "./atomic-file.ts";
import { toNdjsonLine, type TraceRecord } from "../trace/trace.ts";

export class NdjsonWriter {
  private buffer: string[] = [];
  private bytes = 0;

  constructor(readonly file: OutputFile) {}

  readonly write = (record: TraceRecord): void => {
    const line = toNdjsonLine(record);
    this.buffer.push(line);
    this.bytes += line.length + 1;
    if (this.bytes > 1 << 20) this.flush();
  };

  /** Hands the buffered lines to the file; the caller commits or discards it. */
  flush(): void {
    if (this.buffer.length === 0) return;
    this.file.write(this.buffer.join("\n") + "\n");
    this.buffer = [];
    this.bytes = 0;
  }
}
