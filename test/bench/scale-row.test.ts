// Part 4 of the bench runs each scaling row in a child process (sim/bench/scale-row.ts) and
// reads back one JSON line. One tiny row checks that the round trip works and that the
// figures are sane; it checks the bench, not the speed.

import { describe, expect, it } from "vitest";
import { runScaleRow } from "../../sim/bench/scale-table.ts";

describe("bench scaling row", () => {
  it("runScaleRow at 2,000 rec/s for 1 s + 1 s settle returns a completed row from its child", () => {
    const row = runScaleRow({ ratePerSec: 2_000, durationS: 1, settleS: 1, wallBudgetMs: 60_000 });
    if (row.kind !== "ran") throw new Error(`the row failed: ${row.reason}`);
    expect(row).toMatchObject({ ratePerSec: 2_000, completed: true, simulatedS: 2, plannedS: 2, acknowledgedLost: 0 });
    expect(row.recordsAttempted).toBeGreaterThan(1_000);
    expect(row.events).toBeGreaterThan(row.recordsAttempted);
    expect(row.wallUsPerRecord).toBeGreaterThan(0);
    expect(row.simPerWall).toBeGreaterThan(0);
    expect(row.peakRssBytes).toBeGreaterThan(row.startRssBytes);
    expect(row.maxRssBytes).toBeGreaterThanOrEqual(row.peakRssBytes);
    expect(row.rssBytesPerRecord).toBeGreaterThan(0);
  }, 60_000);
});
