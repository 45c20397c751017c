// A cluster view that explains itself (issue 18), in Chromium: a legend for the bar, the tick,
// the orphaned tail, a replica out of the ISR, a crashed broker and the message arrows, that
// sits beside the controller in presentation mode at 1024×768 (the timeline stays on the
// screen); messages drawn in colours no broker of the run has and never across a label; a
// network cut drawn between the groups while it lasts; the old leader's orphaned records (past
// the new leader's log end) as a segment of their own until it truncates them.

import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { brokerColour } from "../../viz/src/palette.ts";
import { skipBrowser, waitForRun } from "./harness.ts";
import { browserSuite } from "./browser-suite.ts";

const title = skipBrowser ? "cluster view legend, arrows, cuts, orphans in Chromium (SKIPPED: KAFKASIM_SKIP_BROWSER=1)" : "cluster view legend, arrows, cuts, orphans in Chromium";

interface CanvasFacts {
  /** Opaque pixels of the messages canvas. */
  readonly drawn: number;
  /** Of those, pixels in one of the run's broker colours. */
  readonly brokerColoured: number;
  /** Non-transparent pixels inside a label's box. */
  readonly underLabels: number;
}

describe.skipIf(skipBrowser)(title, () => {
  const { open } = browserSuite();

  const seek = async (page: Page, ms: number): Promise<void> => {
    const url = new URL(page.url());
    url.searchParams.set("t", String(ms));
    await page.goto(url.toString());
    await waitForRun(page);
  };

  it("a legend names the bar (LEO), the tick (HW), the orphaned tail, a replica out of the ISR, a crashed broker and each message colour, beside the controller in presentation mode at 1024×768", async () => {
    const page = await open("?scenario=acks1-leader-crash&t=19300&paused=1&present=1");
    const legend = page.locator('[data-testid="pane-a"] [data-testid="cluster-legend"]');
    const names = await legend.locator("[data-legend]").evaluateAll((els) => els.map((e) => e.getAttribute("data-legend")));
    expect(names).toEqual(["LEO", "HW", "orphaned", "not ISR", "down", "Produce", "Fetch", "controller"]);
    // Every entry says what it means in its tooltip.
    for (const tip of await legend.locator("[data-legend] > title").allTextContents()) expect(tip.length).toBeGreaterThan(20);
    // Beside the controller, above the brokers: the legend costs the page no height.
    const box = (await legend.boundingBox())!;
    const controller = (await page.locator('[data-testid="pane-a"] [data-testid="controller"]').boundingBox())!;
    const broker = (await page.locator('[data-testid="pane-a"] [data-testid="broker-1"]').boundingBox())!;
    expect(box.x).toBeGreaterThan(controller.x + controller.width);
    expect(box.y + box.height).toBeLessThanOrEqual(broker.y);
    const timeline = (await page.locator('[data-testid="timeline"]').boundingBox())!;
    expect(timeline.y + timeline.height).toBeLessThanOrEqual(768);
  });

  it("messages are arrows in colours no broker of the run has, and none is drawn across a label", async () => {
    const page = await open("?scenario=acks1-leader-crash&t=19300&paused=1&present=1");
    const colours = [1, 2, 3].map(brokerColour);
    const facts = (await page.evaluate((brokers) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="pane-a"] canvas.messages')!;
      const c = canvas.getBoundingClientRect();
      const scale = canvas.width / c.width;
      const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      const rgb = brokers.map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
      let drawn = 0;
      let brokerColoured = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3]! < 250) continue;
        drawn++;
        if (rgb.some((b) => b.every((v, k) => Math.abs(v - data[i + k]!) <= 12))) brokerColoured++;
      }
      let underLabels = 0;
      for (const t of document.querySelectorAll('[data-testid="pane-a"] [data-testid="cluster-svg"] text')) {
        if ((t.textContent ?? "").trim() === "") continue;
        const r = t.getBoundingClientRect();
        const x0 = Math.ceil((r.left - c.left) * scale);
        const y0 = Math.ceil((r.top - c.top) * scale);
        const x1 = Math.floor((r.right - c.left) * scale);
        const y1 = Math.floor((r.bottom - c.top) * scale);
        for (let y = Math.max(0, y0); y < Math.min(canvas.height, y1); y++)
          for (let x = Math.max(0, x0); x < Math.min(canvas.width, x1); x++) if (data[(y * canvas.width + x) * 4 + 3]! > 0) underLabels++;
      }
      return { drawn, brokerColoured, underLabels };
    }, colours)) as CanvasFacts;
    expect(facts.drawn, "messages in flight at 19.3 s").toBeGreaterThan(50);
    expect(facts.brokerColoured, "pixels in a broker's colour").toBe(0);
    expect(facts.underLabels, "pixels drawn across labels").toBe(0);
  });

  /** The messages canvas's colour at the middle of the gap between two broker columns, and the view's data-cut. */
  const gapFacts = async (page: Page): Promise<{ cut: string | null; rgba: number[] }> =>
    page.evaluate(() => {
      const pane = document.querySelector('[data-testid="pane-a"]')!;
      const canvas = pane.querySelector<HTMLCanvasElement>("canvas.messages")!;
      const c = canvas.getBoundingClientRect();
      const a = pane.querySelector('[data-testid="broker-1"] rect')!.getBoundingClientRect();
      const b = pane.querySelector('[data-testid="broker-2"] rect')!.getBoundingClientRect();
      const scale = canvas.width / c.width;
      const x = Math.round(((a.right + b.left) / 2 - c.left) * scale);
      // Down the gap, between the header and the last row: the line is dashed, so take the most opaque pixel.
      let best = [0, 0, 0, 0];
      for (let y = Math.round((a.bottom - c.top) * scale); y < Math.round((a.bottom - c.top + 120) * scale); y++) {
        const p = Array.from(canvas.getContext("2d")!.getImageData(x, y, 1, 1).data);
        if (p[3]! > best[3]!) best = p;
      }
      return { cut: pane.querySelector(".cluster")!.getAttribute("data-cut"), rgba: best };
    });

  it("a network cut is a dashed line between the groups while it lasts (min-isr-1-unclean-election: broker 1 | brokers 2, 3 from 5 s to 65 s)", async () => {
    const page = await open("?scenario=min-isr-1-unclean-election&t=20000&paused=1");
    const during = await gapFacts(page);
    expect(during.cut).toBe("broker-1 | broker-2,broker-3");
    // Vermillion (#D55E00), opaque.
    expect(during.rgba[3]).toBeGreaterThan(200);
    expect(Math.abs(during.rgba[0]! - 0xd5) + Math.abs(during.rgba[1]! - 0x5e) + Math.abs(during.rgba[2]! - 0x00)).toBeLessThan(40);
    expect(await page.locator('[data-testid="cluster-legend"] [data-legend="network cut"]').count()).toBe(1);
    await seek(page, 70000);
    const after = await gapFacts(page);
    expect(after.cut).toBeNull();
    expect(after.rgba[3]).toBe(0);
  });

  it("the old leader's records past the new leader's log end are a segment of their own from the election until it truncates them (acks1-leader-crash, orders-0 on broker 1)", async () => {
    const page = await open("?scenario=acks1-leader-crash&t=9000&paused=1");
    const orphan = page.locator('[data-testid="pane-a"] [data-testid="replica-orders-0-1"] rect[data-orphaned]');
    const row = page.locator('[data-testid="pane-a"] [data-testid="replica-orders-0-1"] > title');
    expect(await orphan.getAttribute("visibility")).toBe("hidden");
    // 19 s: broker 1 is down, its log ends at 17,451 and the new leader's began at 17,430, far left of the bars' range.
    await seek(page, 19000);
    expect(await orphan.getAttribute("visibility")).toBe("visible");
    expect((await orphan.boundingBox())!.width).toBeGreaterThanOrEqual(8);
    expect(await row.textContent()).toContain("21 orphaned (offsets 17430–17450)");
    // 21 s: broker 1 came back and truncated to 17,430 at 20.05 s.
    await seek(page, 21000);
    expect(await orphan.getAttribute("visibility")).toBe("hidden");
  });
});
