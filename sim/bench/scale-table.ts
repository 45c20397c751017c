// Part 4: the scaling table. Each row runs scale-row.ts in a fresh Node process, so that
// its peak RSS and its garbage collector owe nothing to the rows before it (or to this
// process's kernel and world loops). Rows run one after another, never side by side.

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ScaleSpec } from "./bench-scenarios.ts";
import { wallMs } from "./measure.ts";
import type { ScaleFailure, ScaleOutcome } from "./scale-figures.ts";

export interface ScalePlan {
  readonly ratesPerSec: readonly number[];
  readonly durationS: number;
  readonly settleS: number;
  /** Per row: stops its event loop early (the row then says how far it got). */
  readonly wallBudgetMs: number;
}

const RUN_TS = fileURLToPath(new URL("../../bin/run-ts.js", import.meta.url));
const ROW_ENTRY = fileURLToPath(new URL("./scale-row.ts", import.meta.url));

/** The budget stops the event loop, not the checker after it; past this the child is killed. */
const killAfterMs = (budgetMs: number): number => 2 * budgetMs + 60_000;

export function runScaleRow(spec: ScaleSpec): ScaleOutcome {
  const args = [`--rate=${spec.ratePerSec}`, `--duration=${spec.durationS}`, `--settle=${spec.settleS}`, `--budget=${spec.wallBudgetMs / 1000}`];
  const t0 = wallMs();
  const child = spawnSync(process.execPath, [RUN_TS, ROW_ENTRY, ...args], {
    encoding: "utf8",
    timeout: killAfterMs(spec.wallBudgetMs),
    maxBuffer: 16 * 1024 * 1024,
  });
  const failed = (reason: string): ScaleFailure => ({ kind: "failed", ratePerSec: spec.ratePerSec, reason });
  if (child.error !== undefined) {
    const afterS = ((wallMs() - t0) / 1000).toFixed(0);
    return failed(child.signal === null ? child.error.message : `killed (${child.signal}) after ${afterS} s wall`);
  }
  const lastLine = child.stdout.trim().split("\n").at(-1) ?? "";
  if (child.status !== 0 || lastLine === "") {
    const why = child.stderr.trim().split("\n").slice(-3).join(" | ");
    return failed(`child exited with ${child.signal ?? `code ${child.status}`}: ${why}`);
  }
  return JSON.parse(lastLine) as ScaleOutcome;
}

export function runScaleTable(plan: ScalePlan, onRow: (row: ScaleOutcome) => void): ScaleOutcome[] {
  return plan.ratesPerSec.map((ratePerSec) => {
    const row = runScaleRow({ ratePerSec, durationS: plan.durationS, settleS: plan.settleS, wallBudgetMs: plan.wallBudgetMs });
    onRow(row);
    return row;
  });
}
