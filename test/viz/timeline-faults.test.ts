// The timeline's fault labels (issue 18: "cra… crash broker-1"), in Chromium: faults too close
// for their own labels share one, "crash broker-2 +1", drawn whole and clear of the other labels
// and fault lines; the lane's tooltip names every fault of the group.

import { describe, expect, it } from "vitest";
import { browserSuite } from "./browser-suite.ts";
import { skipBrowser } from "./harness.ts";

const title = skipBrowser ? "timeline fault labels in Chromium (SKIPPED: KAFKASIM_SKIP_BROWSER=1)" : "timeline fault labels in Chromium";

/** Records the text drawn on the timeline's canvas: what, where, how wide, in which colour. */
const RECORD_TEXT = `(() => {
  const fillText = CanvasRenderingContext2D.prototype.fillText;
  window.__timelineText = [];
  CanvasRenderingContext2D.prototype.fillText = function (text, x, y, maxWidth) {
    if (this.canvas.getAttribute("data-testid") === "timeline") {
      window.__timelineText.push({ text: String(text), x: x, y: y, w: this.measureText(String(text)).width, fill: String(this.fillStyle), align: this.textAlign });
    }
    return maxWidth === undefined ? fillText.call(this, text, x, y) : fillText.call(this, text, x, y, maxWidth);
  };
})();`;

interface Drawn {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly fill: string;
}

describe.skipIf(skipBrowser)(title, () => {
  const { open } = browserSuite();

  it("a crash at 5 s before the scenario's at 10 s: one label 'crash broker-2 +1', nothing cut, no two labels overlapping, the tooltip names both", async () => {
    const page = await open("?scenario=acks1-leader-crash&iv=crash:2@5000%2B1000&t=3000&paused=1", 1024, 768, RECORD_TEXT);
    await page.waitForFunction(() => document.querySelector('[data-testid="interventions"] li') !== null);
    // The last drawing of the lanes (from its title on) is what is on screen.
    const all = (await page.evaluate("window.__timelineText")) as Drawn[];
    const drawn = all.slice(all.findLastIndex((d) => d.text.startsWith("acks1-leader-crash ·")));
    const faults = drawn.filter((d) => d.fill.toLowerCase() === "#d55e00");
    expect(faults.map((d) => d.text)).toEqual(["crash broker-2 +1"]);
    expect(drawn.filter((d) => d.text.includes("…")), "labels cut short").toEqual([]);
    // Clear of the fault-colour and every other text on its lane.
    const label = faults[0]!;
    for (const d of drawn.filter((d) => d !== label && Math.abs(d.y - label.y) < 1)) {
      expect(d.x >= label.x + label.w || d.x + d.w <= label.x, `"${d.text}" overlaps "${label.text}"`).toBe(true);
    }
    const box = (await page.locator('[data-testid="timeline"]').boundingBox())!;
    await page.mouse.move(box.x + label.x + 4, box.y + label.y);
    const tip = await page.getAttribute('[data-testid="timeline"]', "title");
    expect(tip).toContain("5 s: crash broker-2");
    expect(tip).toContain("10 s: crash broker-1");
  });
});
