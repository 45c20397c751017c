// `kafkasim compare ... --report out.html`: the comparison as compare-command.ts runs it (same
// loading, same seed for both sides, same printed table), with both traces recorded into one
// report. Kept apart so compare-command.ts stays free of report code; if its loading rules
// change, change them here too (test/report checks both print the same table).

import { runScenario } from "../run/runner.ts";
import { loadScenarioFile } from "../scenario/read-file.ts";
import { CompareUsageError, formatComparison, type CompareOptions } from "./compare-command.ts";
import { checkReportPath, commandLine, RunRecorder, writeReport } from "./report-run.ts";

export async function compareWithReport(files: string[], opts: CompareOptions & { report: string }): Promise<number> {
  if (files.length < 1 || files.length > 2) throw new CompareUsageError("compare takes one scenario file (with --set … --vs …) or two files");
  if (files.length === 1 && opts.vs.length === 0 && opts.set.length === 0) {
    throw new CompareUsageError("compare one file needs overrides for each side: --set key=a --vs key=b");
  }
  const seedOverride = opts.seed === undefined ? [] : [`seed=${opts.seed}`];
  const a = loadScenarioFile(files[0]!, [...opts.set, ...seedOverride]);
  const b = loadScenarioFile(files[1] ?? files[0]!, [...opts.vs, `seed=${a.seed}`]);
  checkReportPath(opts.report);
  const labelA = files.length === 2 ? files[0]! : opts.set.join(" ") || "as written";
  const labelB = files.length === 2 ? files[1]! : opts.vs.join(" ") || "as written";
  const recA = new RunRecorder(`A · ${labelA}`);
  const recB = new RunRecorder(`B · ${labelB}`);
  const left = runScenario(a, { onTrace: recA.onTrace }).summary;
  const right = runScenario(b, { onTrace: recB.onTrace }).summary;
  await writeReport(opts.report, [recA.finish(a, left), recB.finish(b, right)], commandLine());
  if (opts.json) process.stdout.write(JSON.stringify({ a: left, b: right }) + "\n");
  else process.stdout.write(formatComparison(left, right, labelA, labelB, process.stdout.isTTY === true) + "\n");
  return 0;
}
