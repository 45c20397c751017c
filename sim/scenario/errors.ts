// The one error the loader throws. It always names where the problem is, so the CLI can
// print a single line and exit 2, never a stack trace.

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
    readonly path: string,
    /** What is wrong, without the location. */
    readonly detail: string,
  ) {
    super(formatLine(file, line, column, path, detail));
  }

  /** `FILE:LINE:COL: at <key.path>: <message>` on one line. */
  format(): string {
    return this.message;
  }
}

function formatLine(file: string, line: number, column: number, path: string, detail: string): string {
  const where = `${file}:${line}:${column}`;
  const oneLine = detail.replace(/\s*\n\s*/g, " ");
  return path === "" ? `${where}: ${oneLine}` : `${where}: at ${path}: ${oneLine}`;
}
