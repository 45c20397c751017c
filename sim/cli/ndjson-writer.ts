// Writes trace records as NDJSON to a file, buffered and synchronous: the simulation loop
// never yields, so an async stream would only grow in memory until the run ends.

import { closeSync, openSync, writeSync } from "node:fs";
import { toNdjsonLine, type TraceRecord } from "../trace/trace.ts";

export class NdjsonWriter {
  private readonly fd: number;
  private buffer: string[] = [];
  private bytes = 0;

  constructor(path: string) {
    this.fd = openSync(path, "w");
  }

  readonly write = (record: TraceRecord): void => {
    const line = toNdjsonLine(record);
    this.buffer.push(line);
    this.bytes += line.length + 1;
    if (this.bytes > 1 << 20) this.flush();
  };

  flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, this.buffer.join("\n") + "\n");
    this.buffer = [];
    this.bytes = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
