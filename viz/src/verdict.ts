// The run's verdict on the page: the outcome first ("34 acknowledged records lost", "no
// acknowledged record lost", duplicates, out of order, each group's facts), then, apart and
// neutral, whether the lesson's expectation held. A green PASS beside "34 lost" reads
// backwards to a class: PASS only says the scenario's `expect:` held. The element keeps the
// CLI's one word (verdictOf) and the facts in data attributes for tests and tools, shown or not.

import type { Summary } from "../../sim/run/summary.ts";
import { verdictOf, type Verdict } from "../../sim/run/verdict.ts";

export { verdictOf, type Verdict };

const n = (x: number): string => x.toLocaleString("en-US");

/** "34 acknowledged records lost", "1 acknowledged record lost", "no acknowledged record lost". */
export function lossText(acknowledgedLost: number): string {
  if (acknowledgedLost === 0) return "no acknowledged record lost";
  return `${n(acknowledgedLost)} acknowledged record${acknowledgedLost === 1 ? "" : "s"} lost`;
}

function stamp(el: HTMLElement, summary: Summary, revealed: boolean): void {
  const d = summary.durability;
  el.dataset["verdict"] = verdictOf(summary);
  el.dataset["acknowledgedLost"] = String(d.acknowledgedLost);
  el.dataset["duplicates"] = String(d.duplicates);
  el.dataset["outOfOrder"] = String(d.outOfOrder);
  el.dataset["revealed"] = String(revealed);
}

export function showVerdict(el: HTMLElement, summary: Summary): void {
  stamp(el, summary, true);
  const d = summary.durability;
  const stopped = summary.incomplete !== undefined;
  el.className = `verdict ${stopped ? "stopped" : d.acknowledgedLost > 0 ? "records-lost" : "records-kept"}`;
  const parts: HTMLElement[] = [];
  if (stopped) parts.push(span("STOPPED", "strong"));
  parts.push(span(lossText(d.acknowledgedLost), stopped ? "b" : "strong", "outcome"));
  parts.push(span(` · ${n(d.duplicates)} duplicate${d.duplicates === 1 ? "" : "s"} · ${n(d.outOfOrder)} out of order`));
  for (const [group, g] of Object.entries(summary.consumers)) {
    const c = g as unknown as Record<string, number | undefined>;
    const facts = [`consumed ${c["consumed"] ?? 0}`];
    for (const k of ["processedTwice", "neverProcessed", "rebalances"]) if (c[k] !== undefined) facts.push(`${k} ${c[k]}`);
    parts.push(span(` · ${group}: ${facts.join(", ")}`));
  }
  if (stopped) parts.push(span(` · ${summary.incomplete?.message ?? ""}`));
  if (summary.expectations.length > 0) parts.push(span(" · "), expectation(summary, el.dataset["withExpectations"] === "1"));
  el.replaceChildren(...parts);
  el.title = summary.expectations.map((e) => `${e.ok ? "✓" : "✗"} ${e.name} ${e.expected} (actual ${e.actual ?? "missing"})`).join("\n") || "no expectations: the run is reported, not judged";
}

/** Predict, then reveal: the facts stay in the data attributes, the page shows a question and a button. */
export function hideVerdict(el: HTMLElement, summary: Summary, reveal: () => void): void {
  stamp(el, summary, false);
  el.className = "verdict hidden";
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "reveal";
  button.setAttribute("data-testid", (el.getAttribute("data-testid") ?? "verdict").replace("verdict", "reveal"));
  button.addEventListener("click", reveal);
  el.replaceChildren(span("?", "strong"), span(" outcome hidden: predict it, then "), button);
  el.title = "The outcome shows when the run gets there (the first acknowledged record lost, or the end of the run), or on a click.";
}

/** "lesson expectation met" or "… not met", plain: the outcome, not this, is what the class reads. */
function expectation(summary: Summary, withConditions: boolean): HTMLElement {
  const met = summary.expectations.every((e) => e.ok);
  const el = span(`lesson expectation ${met ? "met" : "not met"}`, "span", "muted");
  el.setAttribute("data-testid", "expectation");
  el.dataset["met"] = String(met);
  if (withConditions) el.textContent += ` (${summary.expectations.map((e) => `${e.name.replace(/^durability\./, "")} ${e.expected}`).join(", ")})`;
  return el;
}

function span(text: string, tag = "span", className = ""): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = text;
  if (className !== "") el.className = className;
  return el;
}
