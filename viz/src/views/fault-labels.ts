// The faults lane's labels: each fault's label in full, never cut into "cra…". Faults too
// close for their own labels share one, the first's followed by "+n" (n more), which stops
// before the next label's fault line; a label with no room even for "n faults" is left out.
// Every group names all its faults in the lane's tooltip.

import type { MeasureText } from "./text-width.ts";

export interface FaultAt {
  readonly x: number;
  readonly timeUs: number;
  readonly label: string;
  /** Where this fault's label must stop (the healing band, the lane's end). */
  readonly limit: number;
}

export interface FaultLabel {
  /** The group's first and last fault line. */
  readonly x0: number;
  readonly x1: number;
  /** What is drawn at x0 + 3 ("" when nothing fits). */
  readonly text: string;
  /** Every fault of the group, for the tooltip. */
  readonly members: readonly FaultAt[];
}

const PAD = 3;

export function placeFaultLabels(faults: readonly FaultAt[], px: number, measure: MeasureText): FaultLabel[] {
  const out: FaultLabel[] = [];
  let i = 0;
  while (i < faults.length) {
    const first = faults[i]!;
    let j = i + 1;
    const textOf = (end: number): string => (end - 1 > i ? `${first.label} +${end - 1 - i}` : first.label);
    // Take in every fault whose line the label would run over.
    while (j < faults.length && faults[j]!.x < first.x + PAD + measure(textOf(j), px) + PAD && faults[j]!.x < first.limit) j++;
    const room = Math.min(j < faults.length ? faults[j]!.x : Number.POSITIVE_INFINITY, first.limit) - first.x - PAD * 2;
    const count = j - i;
    const text = [textOf(j), `${count} faults`, `+${count}`].find((t) => (count > 1 || t === first.label) && measure(t, px) <= room) ?? "";
    out.push({ x0: first.x, x1: faults[j - 1]!.x, text, members: faults.slice(i, j) });
    i = j;
  }
  return out;
}
