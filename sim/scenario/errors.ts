// The one error the loader throws. It always names where the problem is, so the CLI can
// print a single line (`format()`) and exit 2, never a stack trace.

import { printable } from "./printable.ts";

export class ScenarioError extends Error {
  override readonly name = "ScenarioError";

  constructor(
    /** The scenario file, or "--set" for an override. */
    readonly file: string,
    /** 1-based; for "--set", which override (1 = the first). */
    readonly line: number,
    /** 1-based. */
    readonly column: number,
    /** Key path like "producers.0.config.acks"; "" when the problem is the file as a whole. */
    path: string,
    /** What is wrong, without the location. */
    message: string,
  ) {
    // Our own messages may wrap; what they quote from the file is escaped, so the line stays one line.
    super(printable(message.replace(/\s*\n\s*/g, " ")));
    this.path = printable(path);
  }

  readonly path: string;

  /** `FILE:LINE:COL: at <key.path>: <message>` on one line (without "at ..." when the path is empty). */
  format(): string {
    const where = `${printable(this.file)}:${this.line}:${this.column}`;
    return this.path === "" ? `${where}: ${this.message}` : `${where}: at ${this.path}: ${this.message}`;
  }
}
