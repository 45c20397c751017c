// placeFaultLabels: a label drawn whole or not at all, faults too close sharing "+n".

import { describe, expect, it } from "vitest";
import { placeFaultLabels, type FaultAt } from "../../viz/src/views/fault-labels.ts";

/** 6 px per character, as a monospaced estimate. */
const measure = (text: string): number => text.length * 6;
const at = (x: number, label: string, limit = 1000): FaultAt => ({ x, timeUs: x * 1000, label, limit });

describe("placeFaultLabels", () => {
  it("gives each fault its whole label when the next line is beyond it", () => {
    const out = placeFaultLabels([at(10, "crash broker-1"), at(200, "restart broker-1")], 10, measure);
    expect(out.map((l) => l.text)).toEqual(["crash broker-1", "restart broker-1"]);
  });

  it("folds a fault whose line the label would cross into it, as '+n', instead of cutting it", () => {
    const out = placeFaultLabels([at(10, "crash broker-2"), at(40, "crash broker-1"), at(300, "heal")], 10, measure);
    expect(out.map((l) => l.text)).toEqual(["crash broker-2 +1", "heal"]);
    expect(out[0]!.members.map((m) => m.label)).toEqual(["crash broker-2", "crash broker-1"]);
  });

  it("falls back to 'n faults', '+n', then nothing where even that does not fit, never '…'", () => {
    expect(placeFaultLabels([at(10, "crash broker-2"), at(12, "crash broker-1", 1000)].map((f) => ({ ...f, limit: 70 })), 10, measure)[0]!.text).toBe("2 faults");
    expect(placeFaultLabels([at(10, "crash broker-2"), at(12, "crash broker-1")].map((f) => ({ ...f, limit: 30 })), 10, measure)[0]!.text).toBe("+2");
    expect(placeFaultLabels([at(10, "crash broker-2", 20)], 10, measure)[0]!.text).toBe("");
  });
});
