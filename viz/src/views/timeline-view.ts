// Timeline swimlanes over simulated time, drawn through a Painter (canvas on the page, SVG on
// export): faults and lesson marks; per broker its state; the controller; per partition its
// leader (in the leader's colour, with the epoch), ISR size and the acknowledged records that
// were lost; per producer its acknowledgements, retries and errors; per consumer group its
// generations and events.

import type { QuorumModel } from "../model/controller-quorum.ts";
import { scaleLinear } from "d3";
import type { Caption } from "../model/lesson-captions.ts";
import type { RunModel } from "../model/types.ts";
import { brokerColour, FAULT_COLOUR, LESSON_COLOUR, LOST_COLOUR, OKABE_ITO, STATE_COLOURS } from "../palette.ts";
import { brokerState } from "./cluster-state.ts";
import { clipX, type Painter } from "./painter.ts";
import { placeFaultLabels } from "./fault-labels.ts";
import { measureText, widest, type MeasureText } from "./text-width.ts";
import { linePx, textPx, type TypeScale } from "./type-scale.ts";

export interface TimelineGeometry {
  readonly width: number;
  readonly type: TypeScale;
  readonly labelW: number;
  /** The time range shown: [startUs, endUs] (zoomed), startUs 0 when absent. */
  readonly startUs?: number;
  readonly endUs: number;
  /** On the page (zoom hints apply), not an exported image. */
  readonly interactive?: boolean;
  /** How text is measured (the page's canvas by default). */
  readonly measure?: MeasureText;
  /** Collects where each fault label's group is and what its tooltip says. */
  readonly faultTips?: FaultTip[];
}

export interface FaultTip {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
  readonly text: string;
}

/** A lane: tall enough for its label, airy in proportional type. */
export const rowHeight = (type: TypeScale): number => Math.round(Math.max(type.basePx * 1.6, linePx(textPx(type, 0.8))));

const laneLabels = (model: RunModel): string[] => ["faults · lessons", ...model.brokers.map((id) => `broker ${id}`), "controller", ...model.partitions.map((p) => p.key), ...model.producers.map((p) => `producer ${p.id}`), ...model.groups.map((g) => `group ${g.group}`)];

/** The width of the lane labels' column: ten bases, or more when a label needs it. */
export const laneLabelWidth = (models: readonly RunModel[], type: TypeScale, measure: MeasureText): number =>
  Math.round(Math.max(type.basePx * 10, widest(measure, models.flatMap(laneLabels), textPx(type, 0.8)) + 12));

/** The space between one run's lanes and the next's. */
export const runGapPx = (type: TypeScale): number => Math.round(type.basePx);

export function timeScale(g: TimelineGeometry): (us: number) => number {
  return scaleLinear().domain([g.startUs ?? 0, g.endUs]).range([g.labelW, g.width - 8]);
}

/** The height of runs' lanes drawn one under another, a gap between runs. */
export function timelinesHeight(models: readonly RunModel[], type: TypeScale): number {
  const rows = (m: RunModel): number => 3 + m.brokers.length + 1 + m.partitions.length + m.producers.length + m.groups.length;
  return models.reduce((h, m) => h + rows(m) * rowHeight(type), 0) + (models.length - 1) * runGapPx(type);
}

/** Draws one run's lanes from y0 down; returns the y after the last lane. */
export function drawTimeline(raw: Painter, model: RunModel, lessons: readonly Caption[], g: TimelineGeometry, y0: number, title: string): number {
  const x = timeScale(g);
  const from = g.startUs ?? 0;
  // Lanes are clipped to the plot; labels are drawn with the raw painter.
  const p = clipX(raw, g.labelW, g.width - 8);
  const rh = rowHeight(g.type);
  const small = textPx(g.type, 0.8);
  const tiny = textPx(g.type, 0.72);
  /** Whether text of `px` fits `w` (estimated, generously: canvas and SVG draw alike). */
  const fits = (text: string, px: number, w: number): boolean => w > text.length * px * 0.6 + 6;
  let y = y0;
  const label = (s: string): void => raw.text(6, y + rh / 2, s, "#222", { size: small });
  raw.text(6, y + rh / 2, title, "#000", { bold: true });
  if (from > 0 || g.endUs < model.endUs) raw.text(g.width - 8, y + rh / 2, `zoomed ${fmtS(from)}–${fmtS(g.endUs)}${g.interactive === true ? " · double-click to reset" : ""}`, "#555", { size: small, anchor: "end" });
  y += rh;
  // Axis.
  const axis = scaleLinear().domain([from / 1e6, g.endUs / 1e6]);
  const ticks = axis.ticks(Math.max(2, Math.floor((g.width - g.labelW) / 80)));
  const tickText = axis.tickFormat(ticks.length);
  for (const s of ticks) {
    p.line(x(s * 1e6), y + rh - 4, x(s * 1e6), y + rh, "#666");
    p.text(x(s * 1e6), y + rh / 2 - 2, `${tickText(s)} s`, "#444", { size: small, anchor: "middle" });
  }
  y += rh;
  // Faults, healing and lesson captions.
  label("faults · lessons");
  p.rect(x(model.durationUs), y, x(g.endUs) - x(model.durationUs), rh - 2, "#eef6ee");
  p.text(x(model.durationUs) + 4, y + rh / 2, "healed · settling", "#3a6", { size: small });
  // A caption this run makes untrue is grey.
  for (const l of lessons) p.triangle(x(l.atUs), y + rh - 2, rh * 0.5, l.untrue === null ? LESSON_COLOUR : "#999");
  const faults = model.faults.filter((f) => f.label !== "heal all");
  const at = faults.map((f) => ({ x: x(f.timeUs), timeUs: f.timeUs, label: f.label, limit: f.timeUs < model.durationUs ? x(model.durationUs) : g.width }));
  for (const l of placeFaultLabels(at, small, g.measure ?? measureText)) {
    // A group's later faults, under its label, are ticks below the text rather than lines through it.
    l.members.forEach((m, k) => p.line(m.x, k === 0 || l.text === "" ? y : y + rh * 0.78, m.x, y + rh, FAULT_COLOUR, 2));
    if (l.text !== "") p.text(l.x0 + 3, y + rh / 2 - 1, l.text, FAULT_COLOUR, { size: small });
    g.faultTips?.push({ x0: l.x0 - 4, x1: Math.max(l.x1, l.x0 + (g.measure ?? measureText)(l.text, small)) + 4, y0: y, y1: y + rh, text: l.members.map((m) => `${fmtS(m.timeUs)}: ${m.label}`).join("\n") });
  }
  y += rh;
  for (const id of model.brokers) {
    label(`broker ${id}`);
    stateBand(p, model, `broker-${id}`, y, rh, g, x, id);
    y += rh;
  }
  label("controller");
  if (model.quorum === null) stateBand(p, model, "controller", y, rh, g, x, null);
  else quorumBand(p, model.quorum, y, rh, g, x);
  y += rh;
  for (const part of model.partitions) {
    label(part.key);
    for (const s of part.state.segments(from, g.endUs)) {
      const x0 = x(s.fromUs);
      const w = x(s.toUs) - x0;
      const colour = s.value.leaderEpoch < 0 ? "#eee" : s.value.leader < 0 ? STATE_COLOURS.crashed : brokerColour(s.value.leader);
      const h = rh - 3;
      // The leader band holds its text; the ISR strip takes what is left (at least 3 px).
      const band = Math.min(h - 4, Math.max(h * 0.62, tiny * 1.15));
      p.rect(x0, y + 1, w, band, colour, s.value.leader < 0 ? 0.35 : 0.8);
      // ISR size as a strip under the leader band: full = all replicas in sync.
      const share = part.replicationFactor > 0 ? s.value.isr.length / part.replicationFactor : 0;
      p.rect(x0, y + 1 + band + h * 0.04, w * 1, h * 0.96 - band, share >= 1 ? "#bbb" : OKABE_ITO.orange, share >= 1 ? 0.6 : 1);
      const text = s.value.leader < 0 ? `offline e${s.value.leaderEpoch}` : `b${s.value.leader} e${s.value.leaderEpoch} isr ${s.value.isr.length}`;
      if (fits(text, tiny, w) && s.value.leaderEpoch >= 0) p.text(x0 + 3, y + 1 + band / 2, text, "#000", { size: tiny });
    }
    for (const l of model.lost) if (l.key === part.key) p.triangle(x(l.timeUs), y + rh - 1, rh * 0.55, LOST_COLOUR);
    // ABORT markers: a short black tick at the top of the lane (its records are never read_committed).
    for (const a of part.aborts) p.line(x(a.timeUs), y + 1, x(a.timeUs), y + rh * 0.3, "#000", 1);
    y += rh;
  }
  for (const prod of model.producers) {
    label(`producer ${prod.id}`);
    const max = Math.max(1, ...prod.acked);
    const bw = (x(model.metrics.bucketUs) - x(0));
    prod.acked.forEach((v, b) => {
      if (v > 0) p.rect(x(b * model.metrics.bucketUs), y + rh - 2 - (rh - 4) * (v / max), Math.max(1, bw), (rh - 4) * (v / max), OKABE_ITO.blue, 0.5);
    });
    // Transactions as a strip along the lane's top: committed green, aborted vermillion, fenced purple, open grey.
    for (const s of prod.transactions) {
      const x0 = x(s.fromUs);
      const x1 = x(Math.min(s.toUs, g.endUs));
      p.rect(x0, y + 1, Math.max(1, x1 - x0 - 1), Math.max(2, rh * 0.18), TRANSACTION_COLOURS[s.outcome], 0.9);
    }
    for (const r of prod.retries) p.line(x(r.timeUs), y + 2, x(r.timeUs), y + rh * 0.5, OKABE_ITO.orange, 1);
    for (const e of prod.errors) p.line(x(e.timeUs), y + 2, x(e.timeUs), y + rh - 2, OKABE_ITO.vermillion, 2);
    y += rh;
  }
  for (const grp of model.groups) {
    label(`group ${grp.group}`);
    grp.generation.segments(from, g.endUs).forEach((s, i) => {
      if (s.value < 0) return;
      p.rect(x(s.fromUs), y + 2, x(s.toUs) - x(s.fromUs), rh - 4, i % 2 === 0 ? OKABE_ITO.skyBlue : OKABE_ITO.blue, 0.35);
      if (fits(`gen ${s.value}`, tiny, x(s.toUs) - x(s.fromUs))) p.text(x(s.fromUs) + 3, y + rh / 2, `gen ${s.value}`, "#000", { size: tiny });
    });
    for (const s of grp.state.segments(from, g.endUs)) {
      if (s.value === "rebalancing") p.rect(x(s.fromUs), y + rh * 0.55, Math.max(2, x(s.toUs) - x(s.fromUs)), rh * 0.4, OKABE_ITO.orange, 0.9);
    }
    for (const m of grp.marks) if (/Expired|Removed|Lost|PollTimeout/.test(m.label)) p.line(x(m.timeUs), y, x(m.timeUs), y + rh, OKABE_ITO.vermillion, 1);
    y += rh;
  }
  return y;
}

const TRANSACTION_COLOURS = { committed: OKABE_ITO.green, aborted: OKABE_ITO.vermillion, fenced: OKABE_ITO.purple, open: "#999" } as const;

const fmtS = (us: number): string => `${Number((us / 1e6).toPrecision(6))} s`;

/** A quorum's controller lane: green while a controller is active (named), yellow while none is. */
function quorumBand(p: Painter, quorum: QuorumModel, y: number, rh: number, g: TimelineGeometry, x: (us: number) => number): void {
  const px = textPx(g.type, 0.75);
  for (const s of quorum.active.segments(g.startUs ?? 0, g.endUs)) {
    const x0 = x(s.fromUs);
    const w = x(s.toUs) - x0;
    p.rect(x0, y + 2, w, rh - 4, s.value === "" ? STATE_COLOURS.fenced : STATE_COLOURS.up, 0.85);
    const text = s.value === "" ? "no active controller" : s.value;
    if (w > text.length * px * 0.6 + 6) p.text(x0 + 3, y + rh / 2, text, "#000", { size: px });
  }
}

function stateBand(p: Painter, model: RunModel, node: string, y: number, rh: number, g: TimelineGeometry, x: (us: number) => number, brokerId: number | null): void {
  const series = model.process.get(node);
  if (series === undefined) return;
  const cuts = new Set<number>(series.times);
  if (brokerId !== null) for (const t of model.fenced.get(brokerId)?.times ?? []) cuts.add(t);
  const from = g.startUs ?? 0;
  const times = [from, ...[...cuts].filter((t) => t > from && t < g.endUs).sort((a, b) => a - b), g.endUs];
  for (let i = 0; i + 1 < times.length; i++) {
    const t = times[i]!;
    const look = brokerId !== null ? brokerState(model, brokerId, t) : null;
    const proc = series.at(t);
    const fill = look?.fill === "#ffffff" || (look === null && proc === "up") ? STATE_COLOURS.up : (look?.fill ?? STATE_COLOURS[proc]);
    const x0 = x(t);
    const w = x(times[i + 1]!) - x0;
    p.rect(x0, y + 2, w, rh - 4, fill, 0.85);
    const text = look?.label ?? proc;
    const px = textPx(g.type, 0.75);
    if (w > text.length * px * 0.6 + 6 && text !== "up") p.text(x0 + 3, y + rh / 2, text, proc === "powerLost" ? "#fff" : "#000", { size: px });
  }
}
