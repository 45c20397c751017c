// The timeline on the page: the lanes drawn once per run onto a canvas (they do not depend on
// t), a cursor line moved per frame, and click-or-drag on the lanes to seek.

import type { LessonStep } from "../../../sim/scenario/types.ts";
import type { RunModel } from "../model/types.ts";
import { CanvasPainter } from "./painter.ts";
import { drawTimeline, timelineHeight, timeScale, type TimelineGeometry } from "./timeline-view.ts";

export interface TimelineRun {
  readonly model: RunModel;
  readonly title: string;
}

export class TimelinePanel {
  readonly root: HTMLDivElement;
  readonly canvas: HTMLCanvasElement;
  private readonly cursor: HTMLDivElement;
  private geometry: TimelineGeometry | null = null;

  constructor(private readonly onSeek: (timeUs: number) => void) {
    this.root = document.createElement("div");
    this.root.className = "timeline";
    this.canvas = document.createElement("canvas");
    this.canvas.setAttribute("data-testid", "timeline");
    this.canvas.setAttribute("role", "img");
    this.cursor = document.createElement("div");
    this.cursor.className = "cursor";
    this.root.append(this.canvas, this.cursor);
    let dragging = false;
    const seek = (e: PointerEvent): void => {
      const g = this.geometry;
      if (g === null) return;
      const r = this.canvas.getBoundingClientRect();
      const x = e.clientX - r.left;
      const us = ((x - g.labelW) / (g.width - 8 - g.labelW)) * g.endUs;
      this.onSeek(Math.max(0, Math.min(g.endUs, us)));
    };
    this.canvas.addEventListener("pointerdown", (e) => {
      dragging = true;
      this.canvas.setPointerCapture(e.pointerId);
      seek(e);
    });
    this.canvas.addEventListener("pointermove", (e) => {
      if (dragging) seek(e);
    });
    this.canvas.addEventListener("pointerup", () => (dragging = false));
  }

  draw(runs: readonly TimelineRun[], lessons: readonly LessonStep[], width: number, fontPx: number): TimelineGeometry {
    const endUs = Math.max(...runs.map((r) => r.model.endUs));
    const g: TimelineGeometry = { width, fontPx, labelW: Math.round(fontPx * 10), endUs };
    this.geometry = g;
    const height = runs.reduce((h, r) => h + timelineHeight(r.model, fontPx), 0);
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(width * dpr);
    this.canvas.height = Math.round(height * dpr);
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    const ctx = this.canvas.getContext("2d")!;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, width, height);
    const p = new CanvasPainter(ctx, fontPx);
    let y = 0;
    for (const r of runs) y = drawTimeline(p, r.model, lessons, g, y, r.title) + fontPx;
    return g;
  }

  render(timeUs: number): void {
    const g = this.geometry;
    if (g === null) return;
    this.cursor.style.transform = `translateX(${timeScale(g)(timeUs)}px)`;
  }
}
