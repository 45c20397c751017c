// Checks a scenario's `expect:` entries against a summary. A path names a summary field;
// `partitions.<topic>-<p>.<field>` looks the partition up in the partitions list.

import type { Expectation } from "../scenario/types.ts";
import type { ExpectationResult, Summary } from "./summary.ts";

export function lookup(summary: Summary, path: string): number | null {
  const parts = path.split(".");
  if (parts[0] === "partitions" && parts.length === 3) {
    const name = parts[1]!;
    const dash = name.lastIndexOf("-");
    const p = summary.partitions.find((x) => x.topic === name.slice(0, dash) && x.partition === Number(name.slice(dash + 1)));
    const v = p === undefined ? undefined : (p as unknown as Record<string, unknown>)[parts[2]!];
    return typeof v === "number" ? v : null;
  }
  if (parts[0] === "errors" && parts.length === 2) return summary.errors[parts[1]!] ?? 0;
  if (parts[0] === "errorResponses" && parts.length === 2) return summary.errorResponses[parts[1]!] ?? 0;
  let cur: unknown = summary;
  for (const part of parts) {
    if (cur === null || typeof cur !== "object") return null;
    cur = (cur as Record<string, unknown>)[part];
  }
  return typeof cur === "number" ? cur : null;
}

export function evaluate(summary: Summary, expectations: readonly Expectation[]): ExpectationResult[] {
  return expectations.map((e) => {
    const actual = lookup(summary, e.path);
    return { name: e.path, ok: actual !== null && compare(actual, e.op, e.value), expected: e.raw, actual };
  });
}

function compare(a: number, op: Expectation["op"], b: number): boolean {
  switch (op) {
    case "==":
      return a === b;
    case "!=":
      return a !== b;
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
  }
}
