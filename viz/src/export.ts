// Exports for slides and analysis: the timeline as SVG (the same drawing code as the canvas,
// through the SVG painter) or PNG, and the trace as NDJSON in the CLI's `--trace` format.

import type { Caption } from "./model/lesson-captions.ts";
import type { TraceStore } from "./trace-store.ts";
import { CanvasPainter, SvgPainter } from "./views/painter.ts";
import { measureText } from "./views/text-width.ts";
import type { TimeRange, TimelineRun } from "./views/timeline-panel.ts";
import { drawTimeline, laneLabelWidth, runGapPx, timelinesHeight, type TimelineGeometry } from "./views/timeline-view.ts";
import { textPx, type TypeScale } from "./views/type-scale.ts";

/** The export shows what the page shows: the zoomed range when there is one, in the page's type. */
function geometry(runs: readonly TimelineRun[], width: number, type: TypeScale, range: TimeRange): { g: TimelineGeometry; height: number } {
  const [startUs, endUs] = range ?? [0, Math.max(...runs.map((r) => r.model.endUs))];
  const height = timelinesHeight(runs.map((r) => r.model), type);
  return { g: { width, type, labelW: laneLabelWidth(runs.map((r) => r.model), type, measureText), startUs, endUs }, height };
}

export function timelineSvg(runs: readonly TimelineRun[], lessons: readonly Caption[], width: number, type: TypeScale, range: TimeRange = null): string {
  const { g, height } = geometry(runs, width, type, range);
  const p = new SvgPainter(width, height, textPx(type, 1));
  let y = 0;
  for (const r of runs) y = drawTimeline(p, r.model, lessons, g, y, r.title) + runGapPx(type);
  return p.toString();
}

export function timelinePng(runs: readonly TimelineRun[], lessons: readonly Caption[], width: number, type: TypeScale, range: TimeRange = null): Promise<Blob> {
  const { g, height } = geometry(runs, width, type, range);
  const scale = 2;
  const canvas = document.createElement("canvas");
  canvas.width = width * scale;
  canvas.height = height * scale;
  const ctx = canvas.getContext("2d")!;
  ctx.scale(scale, scale);
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, width, height);
  const p = new CanvasPainter(ctx, textPx(type, 1));
  let y = 0;
  for (const r of runs) y = drawTimeline(p, r.model, lessons, g, y, r.title) + runGapPx(type);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b === null ? reject(new Error("PNG encoding failed")) : resolve(b)), "image/png"));
}

export function traceNdjson(trace: TraceStore): Blob {
  const parts: string[] = [];
  let chunk: string[] = [];
  for (let i = 0; i < trace.size; i++) {
    chunk.push(trace.ndjsonLine(i));
    if (chunk.length === 10_000) {
      parts.push(`${chunk.join("\n")}\n`);
      chunk = [];
    }
  }
  if (chunk.length > 0) parts.push(`${chunk.join("\n")}\n`);
  return new Blob(parts, { type: "application/x-ndjson" });
}

export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
