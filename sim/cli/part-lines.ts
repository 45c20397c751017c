// The lines of a part that `sweep --merge` reads, as a stream: a part need not fit in memory
// twice over, and a pipe (`--merge <(ssh host cat part.ndjson)`) works like a file. A device
// is refused, and a line is capped, so /dev/zero or a binary file without newlines cannot
// grow one line without end.

import { createReadStream, statSync } from "node:fs";
import { whyUnreadable } from "../scenario/read-file.ts";
import { SweepUsageError } from "./sweep-usage-error.ts";

/** A result line is a few hundred characters; a line this long is not one. */
export const MAX_PART_LINE_CHARS = 64 * 1024;

export async function* partLines(path: string): AsyncGenerator<{ line: string; number: number }> {
  const unreadable = (why: string): SweepUsageError => new SweepUsageError(`${path}: cannot read the file: ${why}`);
  const tooLong = (number: number): SweepUsageError => new SweepUsageError(`${path}:${number}: not a sweep result line (longer than 64 KiB)`);
  let pending = "";
  let number = 0;
  let stream: ReturnType<typeof createReadStream> | undefined;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw unreadable("it is a directory");
    if (!stat.isFile() && !stat.isFIFO()) throw unreadable("it is not a regular file or a pipe (a device or a socket)");
    stream = createReadStream(path, { encoding: "utf8", highWaterMark: MAX_PART_LINE_CHARS });
    for await (const chunk of stream as AsyncIterable<string>) {
      const pieces = (pending + chunk).split("\n");
      pending = pieces.pop() ?? "";
      for (const piece of pieces) {
        if (piece.length > MAX_PART_LINE_CHARS) throw tooLong(number + 1);
        yield { line: piece.replace(/\r$/, ""), number: ++number };
      }
      if (pending.length > MAX_PART_LINE_CHARS) throw tooLong(number + 1);
    }
  } catch (error) {
    if (error instanceof SweepUsageError) throw error;
    throw unreadable(whyUnreadable(error));
  } finally {
    stream?.destroy();
  }
  if (pending !== "") yield { line: pending.replace(/\r$/, ""), number: ++number };
}
