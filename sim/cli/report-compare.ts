// `kafkasim compare ... --report out.html`: the comparison as compare-command.ts runs it (the
// same loading and printing), with both traces recorded into one report. Kept apart so
// compare-command.ts stays free of report code.

import { runScenario } from "../run/runner.ts";
import { compareExitCode, loadComparePair, printComparison, type CompareOptions } from "./compare-command.ts";
import { commandLine, openReport, RunRecorder, writeReport } from "./report-run.ts";

export async function compareWithReport(files: string[], opts: CompareOptions & { report: string }): Promise<number> {
  const pair = loadComparePair(files, opts);
  const { a, b } = pair;
  const report = openReport(opts.report, files);
  try {
    const recA = new RunRecorder(`A · ${pair.labelA}`);
    const recB = new RunRecorder(`B · ${pair.labelB}`);
    const left = runScenario(a, { ...pair.run, onTrace: recA.onTrace }).summary;
    const right = runScenario(b, { ...pair.run, onTrace: recB.onTrace }).summary;
    await writeReport(report, [recA.finish(a, left), recB.finish(b, right)], commandLine());
    report.commit();
    printComparison(pair, left, right, opts.json);
    return compareExitCode(left, right);
  } finally {
    report.discard();
  }
}
