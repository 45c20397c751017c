// `--report <out.html>` for the CLI: opens the output before the run (bad input is exit 2 at
// once, not after a long run), collects the trace while the run goes, then writes the
// self-contained HTML report (sim/report) into it; the caller commits it. One recorder per
// run; a comparison has two.

import { OutputFile } from "./atomic-file.ts";
import type { Summary } from "../run/summary.ts";
import type { Scenario } from "../scenario/types.ts";
import type { TraceRecord } from "../trace/trace.ts";
import { reportTemplate } from "../report/bundle.ts";
import type { ReportRun } from "../report/payload-format.ts";
import { TraceEncoder } from "../report/trace-encoder.ts";
import { namesAnInput } from "./output-path.ts";
import { reportHtml } from "../report/write-report.ts";

/** A report that cannot be made (its path names an input, no renderer): `kafkasim: <message>`, exit 2. */
export class ReportError extends Error {}

/** The report's output file, opened now; fails with one line if `path` names an input or cannot be written. */
export function openReport(path: string, inputs: readonly string[]): OutputFile {
  if (namesAnInput(path, inputs)) throw new ReportError(`--report ${path}: that is an input file; writing the report would overwrite it`);
  return OutputFile.open("--report", path);
}

export class RunRecorder {
  private readonly encoder = new TraceEncoder();
  readonly onTrace = (record: TraceRecord): void => this.encoder.add(record);

  constructor(readonly title = "") {}

  finish(scenario: Scenario, summary: Summary): ReportRun {
    return { title: this.title, scenario, summary, trace: this.encoder.finish() };
  }
}

/** Writes the report into `out` (not yet committed); the renderer is built on first use (a note on a terminal's stderr says so). */
export async function writeReport(out: OutputFile, runs: ReportRun[], command: string): Promise<void> {
  let template: string;
  try {
    // A note only for a person at a terminal: scripts see an empty stderr on success.
    template = await reportTemplate(() => {
      if (process.stderr.isTTY === true) process.stderr.write("kafkasim: building the report renderer (first use, a few seconds)…\n");
    });
  } catch (error) {
    throw new ReportError(`--report: cannot build the report renderer (${error instanceof Error ? error.message.split("\n")[0] : String(error)}); run npm ci first`);
  }
  out.write(reportHtml(template, runs, command));
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
