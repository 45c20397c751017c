// The timeline on the page: the lanes drawn once per run (and per zoom) onto a canvas — they
// do not depend on t —, a cursor line moved per frame. A click seeks (shift-drag scrubs);
// a drag selects a time range to zoom into, the wheel zooms around the pointer (shift-wheel
// pans), a double-click shows the whole run again. The owner redraws the charts on zoom.

import type { Caption } from "../model/lesson-captions.ts";
import type { RunModel } from "../model/types.ts";
import { CanvasPainter } from "./painter.ts";
import { measureText } from "./text-width.ts";
import { drawTimeline, laneLabelWidth, runGapPx, timelinesHeight, timeScale, type FaultTip, type TimelineGeometry } from "./timeline-view.ts";
import { textPx, type TypeScale } from "./type-scale.ts";

export interface TimelineRun {
  readonly model: RunModel;
  readonly title: string;
}

/** A zoomed time range in µs; null shows the whole run. */
export type TimeRange = readonly [number, number] | null;

/** The narrowest zoom: 1 ms across the lanes. */
const MIN_SPAN_US = 1000;
/** A pointer that moves less than this between down and up is a click. */
const DRAG_PX = 5;

export class TimelinePanel {
  readonly root: HTMLDivElement;
  readonly canvas: HTMLCanvasElement;
  private readonly cursor: HTMLDivElement;
  private readonly brush: HTMLDivElement;
  private geometry: TimelineGeometry | null = null;
  private faultTips: FaultTip[] = [];
  private totalUs = 1;
  private last: { runs: readonly TimelineRun[]; lessons: readonly Caption[]; width: number; type: TypeScale } | null = null;
  range: TimeRange = null;

  constructor(
    private readonly onSeek: (timeUs: number) => void,
    private readonly onZoom: (range: TimeRange) => void = () => {},
  ) {
    this.root = document.createElement("div");
    this.root.className = "timeline";
    this.canvas = document.createElement("canvas");
    this.canvas.setAttribute("data-testid", "timeline");
    this.canvas.setAttribute("role", "img");
    this.cursor = document.createElement("div");
    this.cursor.className = "cursor";
    this.brush = document.createElement("div");
    this.brush.className = "brush";
    this.brush.hidden = true;
    this.root.append(this.canvas, this.cursor, this.brush);
    this.wire();
  }

  private timeAt(clientX: number): number {
    const g = this.geometry!;
    const r = this.canvas.getBoundingClientRect();
    const from = g.startUs ?? 0;
    const us = from + ((clientX - r.left - g.labelW) / (g.width - 8 - g.labelW)) * (g.endUs - from);
    return Math.max(0, Math.min(this.totalUs, us));
  }

  private wire(): void {
    let down: { x: number; shift: boolean } | null = null;
    let brushing = false;
    this.canvas.addEventListener("pointerdown", (e) => {
      if (this.geometry === null || e.button !== 0) return;
      down = { x: e.clientX, shift: e.shiftKey };
      brushing = false;
      this.canvas.setPointerCapture(e.pointerId);
      this.onSeek(this.timeAt(e.clientX));
    });
    this.canvas.addEventListener("pointermove", (e) => {
      if (down === null) return;
      if (down.shift) {
        this.onSeek(this.timeAt(e.clientX));
        return;
      }
      if (Math.abs(e.clientX - down.x) < DRAG_PX && !brushing) return;
      brushing = true;
      const r = this.root.getBoundingClientRect();
      const a = Math.min(down.x, e.clientX) - r.left;
      const b = Math.max(down.x, e.clientX) - r.left;
      Object.assign(this.brush.style, { left: `${a}px`, width: `${b - a}px` });
      this.brush.hidden = false;
    });
    this.canvas.addEventListener("pointerup", (e) => {
      if (down !== null && brushing) {
        const a = this.timeAt(Math.min(down.x, e.clientX));
        const b = this.timeAt(Math.max(down.x, e.clientX));
        if (b - a >= MIN_SPAN_US) this.zoom([a, b]);
      }
      down = null;
      brushing = false;
      this.brush.hidden = true;
    });
    this.canvas.addEventListener("dblclick", () => this.zoom(null));
    // Over a fault label's group, the tooltip names every fault in it.
    this.canvas.addEventListener("mousemove", (e) => {
      const r = this.canvas.getBoundingClientRect();
      const [x, y] = [e.clientX - r.left, e.clientY - r.top];
      const tip = this.faultTips.find((t) => x >= t.x0 && x <= t.x1 && y >= t.y0 && y <= t.y1);
      if (tip === undefined) this.canvas.removeAttribute("title");
      else this.canvas.title = tip.text;
    });
    this.canvas.addEventListener(
      "wheel",
      (e) => {
        const g = this.geometry;
        if (g === null) return;
        e.preventDefault();
        const from = g.startUs ?? 0;
        const span = g.endUs - from;
        if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
          const shift = (span * (e.deltaX || e.deltaY)) / 1000;
          const a = Math.max(0, Math.min(this.totalUs - span, from + shift));
          this.zoom([a, a + span]);
          return;
        }
        const at = this.timeAt(e.clientX);
        const next = Math.max(MIN_SPAN_US, Math.min(this.totalUs, span * Math.exp(e.deltaY * 0.002)));
        const a = Math.max(0, Math.min(this.totalUs - next, at - ((at - from) / span) * next));
        this.zoom([a, a + next]);
      },
      { passive: false },
    );
  }

  /** Shows [from, to] (null: the whole run), redraws and tells the owner. */
  zoom(range: TimeRange): void {
    const whole = range === null || (range[0] <= 0 && range[1] >= this.totalUs);
    this.range = whole ? null : range;
    if (this.last !== null) this.draw(this.last.runs, this.last.lessons, this.last.width, this.last.type);
    this.onZoom(this.range);
  }

  /** Where the lanes start: the charts line their time axis up with it. */
  get labelW(): number {
    return this.geometry?.labelW ?? 0;
  }

  draw(runs: readonly TimelineRun[], lessons: readonly Caption[], width: number, type: TypeScale): TimelineGeometry {
    this.last = { runs, lessons, width, type };
    this.totalUs = Math.max(...runs.map((r) => r.model.endUs));
    const [startUs, endUs] = this.range ?? [0, this.totalUs];
    const labelW = laneLabelWidth(runs.map((r) => r.model), type, measureText);
    this.faultTips = [];
    const g: TimelineGeometry = { width, type, labelW, startUs, endUs, interactive: true, faultTips: this.faultTips };
    this.geometry = g;
    this.canvas.dataset["range"] = `${Math.round(startUs)}-${Math.round(endUs)}`;
    const height = timelinesHeight(runs.map((r) => r.model), type);
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(width * dpr);
    this.canvas.height = Math.round(height * dpr);
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    const ctx = this.canvas.getContext("2d")!;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, width, height);
    const p = new CanvasPainter(ctx, textPx(type, 1));
    let y = 0;
    for (const r of runs) y = drawTimeline(p, r.model, lessons, g, y, r.title) + runGapPx(type);
    return g;
  }

  render(timeUs: number): void {
    const g = this.geometry;
    if (g === null) return;
    const visible = timeUs >= (g.startUs ?? 0) && timeUs <= g.endUs;
    this.cursor.style.visibility = visible ? "visible" : "hidden";
    if (visible) this.cursor.style.transform = `translateX(${timeScale(g)(timeUs)}px)`;
  }
}
