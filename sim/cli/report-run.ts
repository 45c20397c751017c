// `--report <out.html>` for the CLI: checks the path is writable before the run (bad input is
// exit 2 at once, not after a long run), collects the trace while the run goes, then writes
// the self-contained HTML report (sim/report). One recorder per run; a comparison has two.

import { closeSync, openSync, writeFileSync } from "node:fs";
import type { Summary } from "../run/summary.ts";
import type { Scenario } from "../scenario/types.ts";
import type { TraceRecord } from "../trace/trace.ts";
import { reportTemplate } from "../report/bundle.ts";
import type { ReportRun } from "../report/payload-format.ts";
import { TraceEncoder } from "../report/trace-encoder.ts";
import { namesAnInput } from "./output-path.ts";
import { reportHtml } from "../report/write-report.ts";

/** A report that cannot be written: the CLI prints `kafkasim: <message>` and exits 2. */
export class ReportError extends Error {}

const reason = (code: string | undefined): string =>
  code === "ENOENT" ? " (no such directory)" : code === "EACCES" || code === "EPERM" ? " (permission denied)" : code === "EISDIR" ? " (it is a directory)" : code === "EROFS" ? " (read-only file system)" : "";

/** Fails now, with one line, if `path` cannot be written. */
export function checkReportPath(path: string, inputs: readonly string[]): void {
  if (namesAnInput(path, inputs)) throw new ReportError(`--report ${path}: that is an input file; writing the report would overwrite it`);
  try {
    closeSync(openSync(path, "a"));
  } catch (error) {
    throw new ReportError(`--report ${path}: cannot write the file${reason((error as { code?: string }).code)}`);
  }
}

export class RunRecorder {
  private readonly encoder = new TraceEncoder();
  readonly onTrace = (record: TraceRecord): void => this.encoder.add(record);

  constructor(readonly title = "") {}

  finish(scenario: Scenario, summary: Summary): ReportRun {
    return { title: this.title, scenario, summary, trace: this.encoder.finish() };
  }
}

/** Writes the report; the renderer is built on first use (a note on a terminal's stderr says so). */
export async function writeReport(path: string, runs: ReportRun[], command: string): Promise<void> {
  let template: string;
  try {
    // A note only for a person at a terminal: scripts see an empty stderr on success.
    template = await reportTemplate(() => {
      if (process.stderr.isTTY === true) process.stderr.write("kafkasim: building the report renderer (first use, a few seconds)…\n");
    });
  } catch (error) {
    throw new ReportError(`--report: cannot build the report renderer (${error instanceof Error ? error.message.split("\n")[0] : String(error)}); run npm ci first`);
  }
  try {
    writeFileSync(path, reportHtml(template, runs, command));
  } catch (error) {
    throw new ReportError(`--report ${path}: cannot write the file${reason((error as { code?: string }).code)}`);
  }
}

/** One trace listener feeding several (the --trace writer and the report), or none. */
export function teeTrace(...listeners: (((record: TraceRecord) => void) | undefined)[]): { onTrace?: (record: TraceRecord) => void } {
  const live = listeners.filter((l) => l !== undefined);
  if (live.length === 0) return {};
  if (live.length === 1) return { onTrace: live[0]! };
  return { onTrace: (record) => live.forEach((l) => l(record)) };
}

/** The command line as typed, shown in the report. */
export const commandLine = (): string => `kafkasim ${process.argv.slice(2).join(" ")}`;
