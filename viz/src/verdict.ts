// The checker's verdict as the CLI prints it: PASS/FAIL/RAN/STOPPED (the same verdictOf as the CLI),
// then acknowledgedLost, duplicates and outOfOrder.

import type { Summary } from "../../sim/run/summary.ts";
import { verdictOf, type Verdict } from "../../sim/run/verdict.ts";

export { verdictOf, type Verdict };

export function showVerdict(el: HTMLElement, summary: Summary): void {
  const v = verdictOf(summary);
  const d = summary.durability;
  el.dataset["verdict"] = v;
  el.dataset["acknowledgedLost"] = String(d.acknowledgedLost);
  el.dataset["duplicates"] = String(d.duplicates);
  el.dataset["outOfOrder"] = String(d.outOfOrder);
  el.className = `verdict ${v.toLowerCase()}`;
  const head = document.createElement("strong");
  head.textContent = v;
  const facts = document.createElement("span");
  facts.textContent = ` acknowledgedLost ${d.acknowledgedLost.toLocaleString("en-US")} · duplicates ${d.duplicates.toLocaleString("en-US")} · outOfOrder ${d.outOfOrder.toLocaleString("en-US")}`;
  el.replaceChildren(head, facts);
  for (const [group, g] of Object.entries(summary.consumers)) {
    const c = g as unknown as Record<string, number | undefined>;
    const parts = [`consumed ${c["consumed"] ?? 0}`];
    for (const k of ["processedTwice", "neverProcessed", "rebalances"]) if (c[k] !== undefined) parts.push(`${k} ${c[k]}`);
    const span = document.createElement("span");
    span.textContent = ` · ${group}: ${parts.join(", ")}`;
    el.append(span);
  }
  if (el.dataset["withExpectations"] === "1" && summary.expectations.length > 0) {
    const exp = document.createElement("span");
    exp.className = "muted";
    exp.textContent = ` (expects ${summary.expectations.map((e) => `${e.name.replace(/^durability\./, "")} ${e.expected}`).join(", ")})`;
    el.append(exp);
  }
  if (summary.incomplete !== undefined) {
    const stopped = document.createElement("span");
    stopped.textContent = ` · ${summary.incomplete.message}`;
    el.append(stopped);
  }
  el.title = summary.expectations.map((e) => `${e.ok ? "✓" : "✗"} ${e.name} ${e.expected} (actual ${e.actual ?? "missing"})`).join("\n") || "no expectations: the run is reported, not judged";
}
