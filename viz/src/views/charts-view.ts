// Charts over simulated time, in SVG with d3 (scales, axes, line shapes), aligned with the
// timeline's time axis so one cursor crosses both. In compare mode the second configuration
// is the dashed line. Names are Kafka's metric names where Kafka has one. The charts zoom
// with the timeline (same time range); lines are clipped to the plot.

import { axisLeft, line, max, scaleLinear, scaleSymlog, select, type ScaleContinuousNumeric } from "d3";
import type { BrokerResources } from "../model/metrics.ts";
import type { RunModel } from "../model/types.ts";
import type { StepSeries } from "../model/step-series.ts";
import { OKABE_ITO } from "../palette.ts";
import type { TimeRange } from "./timeline-panel.ts";
import { measureText } from "./text-width.ts";
import { linePx, textPx, type TypeScale } from "./type-scale.ts";

interface SeriesSpec {
  readonly name: string;
  readonly colour: string;
  readonly points: (model: RunModel) => [number, number][];
}

interface ChartSpec {
  readonly title: string;
  readonly unit: string;
  readonly log?: boolean;
  readonly series: readonly SeriesSpec[];
  /** Many lines (one per partition): a one-line legend instead of a name per line. */
  readonly legend?: string;
  /** Lines of text in the plot, where the metric's semantics surprise. */
  readonly note?: readonly string[];
}

const buckets = (pick: (m: RunModel) => Float64Array) => (m: RunModel): [number, number][] =>
  Array.from(pick(m), (v, b) => [(b + 0.5) * m.metrics.bucketUs, v] as [number, number]);

const steps = (pick: (m: RunModel) => StepSeries<number> | undefined) => (m: RunModel): [number, number][] => {
  const s = pick(m);
  if (s === undefined) return [];
  const out: [number, number][] = [[0, s.initial]];
  s.times.forEach((t, i) => {
    out.push([t, out[out.length - 1]![1]], [t, s.values[i]!]);
  });
  out.push([m.endUs, s.last]);
  return out;
};

function chartSpecs(models: readonly RunModel[]): ChartSpec[] {
  const specs: ChartSpec[] = [
    { title: "produce throughput", unit: "records/s acked", series: [{ name: "acked", colour: OKABE_ITO.blue, points: buckets((m) => m.metrics.ackedPerSec) }] },
    {
      title: "produce latency",
      unit: "ms (p50, p99)",
      log: true,
      series: [
        { name: "p50", colour: OKABE_ITO.green, points: buckets((m) => m.metrics.latencyP50Ms) },
        { name: "p99", colour: OKABE_ITO.vermillion, points: buckets((m) => m.metrics.latencyP99Ms) },
      ],
    },
    {
      title: "UnderReplicatedPartitions",
      unit: "· OfflinePartitionsCount",
      series: [
        { name: "UnderReplicatedPartitions", colour: OKABE_ITO.orange, points: steps((m) => m.metrics.underReplicated) },
        { name: "OfflinePartitionsCount", colour: OKABE_ITO.vermillion, points: steps((m) => m.metrics.offline) },
      ],
    },
    {
      title: "IsrShrinksPerSec",
      unit: "· IsrExpandsPerSec",
      ...uncountedShrinks(models),
      series: [
        { name: "IsrShrinksPerSec", colour: OKABE_ITO.vermillion, points: buckets((m) => m.metrics.isrShrinksPerSec) },
        { name: "IsrExpandsPerSec", colour: OKABE_ITO.green, points: buckets((m) => m.metrics.isrExpandsPerSec) },
      ],
    },
    { title: "FailedProduceRequestsPerSec", unit: "error responses/s", series: [{ name: "failed", colour: OKABE_ITO.vermillion, points: buckets((m) => m.metrics.failedProducePerSec) }] },
  ];
  specs.push(...brokerResourceSpecs(models), ...crossZoneSpecs(models));
  const groups = [...new Set(models.flatMap((m) => [...m.metrics.lag.keys()]))];
  // Two lines per group: eight colours keep four groups apart before any repeats.
  const colours = [OKABE_ITO.purple, OKABE_ITO.skyBlue, OKABE_ITO.orange, OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.green, OKABE_ITO.black, OKABE_ITO.yellow];
  if (groups.length > 0) {
    specs.push({
      title: "consumer lag",
      unit: "records: group total · records-lag-max (largest partition)",
      series: groups.flatMap((g, i) => [
        { name: `${g} total`, colour: colours[(2 * i) % colours.length]!, points: steps((m) => m.metrics.lag.get(g)?.lag) },
        { name: `${g} records-lag-max`, colour: colours[(2 * i + 1) % colours.length]!, points: steps((m) => m.metrics.lag.get(g)?.lagMax) },
      ]),
    });
    specs.push({
      title: "consumer time lag",
      unit: "ms behind the newest record",
      series: groups.map((g, i) => ({ name: g, colour: colours[(2 * i) % colours.length]!, points: steps((m) => m.metrics.lag.get(g)?.timeLagMs) })),
    });
    for (const g of groups) specs.push(partitionLagSpec(models, g));
  }
  return specs;
}

/**
 * Kafka marks IsrShrinksPerSec in the leader's Partition when its AlterPartition shrinks the ISR;
 * an ISR the controller shrinks itself (fencing a broker, a controlled shutdown) is not counted,
 * so all six ISRs of acks1-leader-crash shrink at 17.25 s with the metric at 0. Said in the chart.
 */
function uncountedShrinks(models: readonly RunModel[]): { note?: readonly string[] } {
  const counts = models.map((m) => m.metrics.controllerIsrShrinksUs);
  if (counts.every((c) => c.length === 0)) return {};
  const at = (times: readonly number[]): string => {
    const secs = [...new Set(times.map((t) => Number((t / 1e6).toFixed(3))))];
    return `${times.length} at ${secs.slice(0, 3).map((s) => `${s}\u00a0s`).join(", ")}${secs.length > 3 ? ", …" : ""}`;
  };
  const which = counts.length === 1 ? at(counts[0]!) : counts.map((c, i) => `run ${"AB"[i]}: ${c.length === 0 ? "none" : at(c)}`).join("; ");
  return { note: [`IsrShrinksPerSec leaves out the ISR shrinks the controller made itself (fencing, shutdown): ${which}. Kafka counts only the shrinks a leader makes with AlterPartition.`] };
}

const BROKER_COLOURS = [OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.green, OKABE_ITO.vermillion, OKABE_ITO.purple, OKABE_ITO.skyBlue];

/**
 * What the brokers' machines were busy with, one line per broker, only when some broker was:
 * network threads (blocked in sendfile on cold pages, or encrypting), cold reads from the
 * disk, appends blocked on the dirty limit.
 */
function brokerResourceSpecs(models: readonly RunModel[]): ChartSpec[] {
  const brokers = [...new Set(models.flatMap((m) => [...m.metrics.brokerResources.keys()]))].sort((a, b) => a - b);
  if (brokers.length === 0) return [];
  const anyOf = (pick: (r: BrokerResources) => StepSeries<number>, idle: number): boolean =>
    models.some((m) => [...m.metrics.brokerResources.values()].some((r) => pick(r).values.some((v) => v !== idle)));
  const perBroker = (pick: (r: BrokerResources) => StepSeries<number>): SeriesSpec[] =>
    brokers.map((b, i) => ({ name: `broker ${b}`, colour: BROKER_COLOURS[i % BROKER_COLOURS.length]!, points: steps((m) => { const r = m.metrics.brokerResources.get(b); return r === undefined ? undefined : pick(r); }) }));
  const specs: ChartSpec[] = [];
  if (anyOf((r) => r.networkIdlePct, 100)) specs.push({ title: "NetworkProcessorAvgIdlePercent", unit: "% idle (sendfile on cold pages, TLS)", series: perBroker((r) => r.networkIdlePct) });
  if (anyOf((r) => r.diskReadMBps, 0)) specs.push({ title: "disk reads", unit: "MB/s from the device (page-cache misses)", series: perBroker((r) => r.diskReadMBps) });
  if (anyOf((r) => r.appendThrottledMsPerSec, 0)) specs.push({ title: "appends blocked (vm.dirty_ratio)", unit: "ms of writers blocked per s (summed over appends)", series: perBroker((r) => r.appendThrottledMsPerSec) });
  return specs;
}

/** Cross-zone MB/s by cause, with cluster.racks only: what the zones bill for. */
function crossZoneSpecs(models: readonly RunModel[]): ChartSpec[] {
  if (models.every((m) => m.metrics.crossZone === null)) return [];
  const causes = [
    ["produce", OKABE_ITO.blue],
    ["replication", OKABE_ITO.orange],
    ["consume", OKABE_ITO.purple],
    ["other", OKABE_ITO.black],
  ] as const;
  return [{ title: "cross-zone traffic", unit: "MB/s between zones (produce, replication, consume, other)", series: causes.map(([cause, colour]) => ({ name: cause, colour, points: steps((m) => m.metrics.crossZone?.[cause]) })) }];
}

const PARTITION_COLOURS = [OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.green, OKABE_ITO.vermillion, OKABE_ITO.purple, OKABE_ITO.skyBlue, OKABE_ITO.black, OKABE_ITO.yellow];

/** records-lag per partition of a group (Kafka's per-partition consumer metric): one line each, offline partitions as gaps. */
function partitionLagSpec(models: readonly RunModel[], group: string): ChartSpec {
  const count = Math.max(0, ...models.map((m) => m.metrics.lag.get(group)?.partitionLag.last.length ?? 0));
  const series: SeriesSpec[] = Array.from({ length: count }, (_, p) => ({
    name: `p${p}`,
    colour: PARTITION_COLOURS[p % PARTITION_COLOURS.length]!,
    points: (m: RunModel): [number, number][] => {
      const s = m.metrics.lag.get(group)?.partitionLag;
      if (s === undefined) return [];
      const value = (v: readonly number[]): number => (v[p] === undefined || v[p]! < 0 ? Number.NaN : v[p]!);
      const out: [number, number][] = [[0, value(s.initial)]];
      s.times.forEach((t, i) => out.push([t, out[out.length - 1]![1]], [t, value(s.values[i]!)]));
      out.push([m.endUs, value(s.last)]);
      return out;
    },
  }));
  return { title: `records-lag per partition · ${group}`, unit: "records (HW − committed)", series, ...(count > 8 ? { legend: `one line per partition, p0–p${count - 1}; colours repeat every ${PARTITION_COLOURS.length}` } : {}) };
}

/** Words of `lines` re-flowed into lines no wider than `width` (measured in the page's font). */
function wrap(lines: readonly string[], width: number, px: number): string[] {
  const out: string[] = [];
  for (const l of lines) {
    let line = "";
    for (const word of l.split(" ")) {
      const next = line === "" ? word : `${line} ${word}`;
      if (line !== "" && measureText(next, px) > width) {
        out.push(line);
        line = word;
      } else line = next;
    }
    if (line !== "") out.push(line);
  }
  return out;
}

let clipIds = 0;

export class ChartsView {
  readonly svg: SVGSVGElement;
  private cursor: SVGLineElement | null = null;
  private x: ScaleContinuousNumeric<number, number> = scaleLinear();

  constructor() {
    this.svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    this.svg.setAttribute("data-testid", "charts");
    this.svg.classList.add("charts");
  }

  build(models: readonly RunModel[], width: number, labelW: number, type: TypeScale, range: TimeRange = null): void {
    const first = models[0];
    if (first === undefined) return;
    const specs = chartSpecs(models);
    const label = textPx(type, 0.8);
    const h = Math.round(Math.max(type.basePx * 5.5, label * 4.5));
    const gap = Math.round(type.basePx * 0.8);
    // A note is set in lines under its chart, wrapped to the plot's width.
    const notes = specs.map((spec) => (spec.note === undefined ? [] : wrap(spec.note, width - labelW - 14, label)));
    const noteH = (i: number): number => (notes[i]!.length === 0 ? 0 : notes[i]!.length * linePx(label) + 4);
    const tops = specs.map((_, i) => specs.slice(0, i).reduce((y, _s, j) => y + h + gap + noteH(j), 0));
    const total = tops.length === 0 ? 0 : tops[tops.length - 1]! + h + gap + noteH(tops.length - 1);
    // Titles sit on their first line's baseline; the plot starts below the title line.
    const titleY = label * 1.15;
    const plotTop = label * 2;
    const svg = select(this.svg);
    svg.selectAll("*").remove();
    svg.attr("width", width).attr("height", total).attr("viewBox", `0 0 ${width} ${total}`).attr("font-size", label);
    const endUs = Math.max(...models.map((m) => m.endUs));
    this.x = scaleLinear().domain(range ?? [0, endUs]).range([labelW, width - 8]);
    const clip = `charts-clip-${++clipIds}`;
    svg.append("defs").append("clipPath").attr("id", clip).append("rect").attr("x", labelW).attr("y", 0).attr("width", width - labelW - 8).attr("height", h);
    specs.forEach((spec, i) => {
      const g = svg.append("g").attr("transform", `translate(0, ${tops[i]!})`);
      g.attr("data-chart", spec.title);
      const all = models.flatMap((m) => spec.series.flatMap((s) => s.points(m).map((p) => p[1]))).filter(Number.isFinite);
      const top = Math.max(1, max(all) ?? 1);
      const y = spec.log === true ? scaleSymlog().constant(1).domain([0, top]).range([h - 4, plotTop]) : scaleLinear().domain([0, top]).nice(3).range([h - 4, plotTop]);
      g.append("rect").attr("x", labelW).attr("y", 2).attr("width", width - labelW - 8).attr("height", h - 4).attr("fill", "#fafafa");
      const head = g.append("text").attr("x", labelW + 6).attr("y", titleY).attr("font-weight", 600).text(spec.title);
      const unitX = labelW + 12 + (head.node()?.getComputedTextLength() ?? spec.title.length * label * 0.75);
      const unit = g.append("text").attr("x", unitX).attr("y", titleY).attr("fill", "#555").text(spec.unit);
      const headerEnd = unitX + (unit.node()?.getComputedTextLength() ?? spec.unit.length * label * 0.62) + label;
      const yAxis = axisLeft(y).tickSize(3);
      if (spec.log === true) yAxis.tickValues([1, 10, 100, 1000, 10000, 100000].filter((v) => v <= top)).tickFormat((v) => `${Number(v) >= 1000 ? `${Number(v) / 1000}k` : String(v)}`);
      else yAxis.ticks(3, "~s");
      const axis = g.append("g").attr("transform", `translate(${labelW}, 0)`).call(yAxis);
      axis.selectAll("text").attr("font-size", textPx(type, 0.7));
      models.forEach((m, mi) => {
        for (const s of spec.series) {
          const pts = s.points(m);
          const path = line<[number, number]>()
            .defined((p) => Number.isFinite(p[1]))
            .x((p) => this.x(p[0]))
            .y((p) => y(p[1]))(pts);
          g.append("path").attr("clip-path", `url(#${clip})`).attr("d", path ?? "").attr("fill", "none").attr("stroke", s.colour).attr("stroke-width", 1.5).attr("stroke-dasharray", mi === 1 ? "5 3" : null);
        }
      });
      if (notes[i]!.length > 0) {
        const note = g.append("text").attr("data-testid", "chart-note").attr("fill", "#444").attr("dominant-baseline", "middle");
        notes[i]!.forEach((l, k) => note.append("tspan").attr("x", labelW + 6).attr("y", h + 2 + (k + 0.5) * linePx(label)).text(l));
      }
      let lx = width - 12;
      let ly = titleY;
      if (spec.legend !== undefined) g.append("text").attr("x", lx).attr("y", ly).attr("text-anchor", "end").attr("fill", "#555").text(spec.legend);
      // Names right to left; one that would run into the title goes to a row of its own below.
      for (const s of spec.legend === undefined ? [...spec.series].reverse() : []) {
        const t = g.append("text").attr("x", lx).attr("y", ly).attr("text-anchor", "end").attr("fill", s.colour).attr("font-weight", 600).text(s.name);
        const w = t.node()?.getComputedTextLength() ?? s.name.length * label * 0.62;
        if (ly === titleY && lx - w < headerEnd) {
          lx = width - 12;
          ly += linePx(label);
          t.attr("x", lx).attr("y", ly);
        }
        lx -= w + label;
      }
    });
    this.cursor = svg.append("line").attr("y1", 0).attr("y2", total).attr("stroke", "#000").attr("stroke-width", 1).node();
  }

  render(timeUs: number): void {
    if (this.cursor === null) return;
    const [a, b] = this.x.domain() as [number, number];
    this.cursor.setAttribute("visibility", timeUs < a || timeUs > b ? "hidden" : "visible");
    const px = String(this.x(timeUs));
    this.cursor.setAttribute("x1", px);
    this.cursor.setAttribute("x2", px);
  }
}
