// The cost side of a tradeoff, as numbers beside the charts: acknowledgement latency (p50,
// p99), error responses the producers got, final send failures, and time offline (how long
// partitions had no leader, summed over partitions, with the longest one). One column per run
// in compare mode, as the HTML report's summary has them.

import type { Summary } from "../../../sim/run/summary.ts";
import { timeOffline } from "../model/time-offline.ts";
import type { RunModel } from "../model/types.ts";

export interface CostRun {
  readonly title: string;
  readonly summary: Summary;
  readonly model: RunModel;
}

const n = (x: number): string => x.toLocaleString("en-US");
const ms = (x: number): string => (x >= 1000 ? `${n(Math.round(x))} ms` : `${Math.round(x * 10) / 10} ms`);
const secs = (us: number): string => `${Number((us / 1e6).toFixed(2))} s`;
const total = (r: Record<string, number>): number => Object.values(r).reduce((a, b) => a + b, 0);
const kinds = (r: Record<string, number>): string => {
  const e = Object.entries(r);
  return e.length === 0 ? "" : ` (${e.map(([k, v]) => `${k} ${n(v)}`).join(", ")})`;
};

/** [row id, label, value per run]. */
function rows(runs: readonly CostRun[]): [string, string, string[]][] {
  return [
    ["latency", "acknowledgement latency p50 · p99", runs.map((r) => `${ms(r.summary.latency.p50Ms)} · ${ms(r.summary.latency.p99Ms)}`)],
    ["error-responses", "error responses", runs.map((r) => `${n(total(r.summary.errorResponses))}${kinds(r.summary.errorResponses)}`)],
    ["failed", "records failed (send gave up)", runs.map((r) => n(r.summary.produced.failed))],
    [
      "offline",
      "time offline (no leader), summed over partitions",
      runs.map((r) => {
        const t = timeOffline(r.model);
        return t.summedUs === 0 ? "0 s" : `${secs(t.summedUs)} · longest ${secs(t.longestUs)} (${t.longestKey})`;
      }),
    ],
  ];
}

export class CostPanel {
  readonly root: HTMLTableElement;

  constructor() {
    this.root = document.createElement("table");
    this.root.className = "cost";
    this.root.setAttribute("data-testid", "cost");
  }

  show(runs: readonly CostRun[]): void {
    const row = (cells: HTMLElement[]): HTMLTableRowElement => {
      const tr = document.createElement("tr");
      tr.append(...cells);
      return tr;
    };
    const cell = (tag: "th" | "td", text: string, testid?: string): HTMLElement => {
      const c = document.createElement(tag);
      c.textContent = text;
      if (testid !== undefined) c.setAttribute("data-testid", testid);
      return c;
    };
    const caption = document.createElement("caption");
    caption.textContent = "What it cost";
    const head = runs.length > 1 ? [row([cell("th", ""), ...runs.map((r) => cell("th", r.title))])] : [];
    head[0]?.classList.add("runs");
    const body = rows(runs).map(([id, label, values]) => row([cell("th", label), ...values.map((v, i) => cell("td", v, `cost-${id}-${"AB"[i]}`))]));
    this.root.replaceChildren(caption, ...head, ...body);
  }
}
