// Where each node of the cluster view and each of its labels sits: producers and the
// controller in the top row, brokers across the middle (each a column of its replicas, one row
// per partition, so a partition reads across from its name at the left), consumer groups in
// the bottom row. Pure geometry, recomputed on resize and type change. Boxes are sized from the
// longest text each may show during the run (cluster-texts.ts), so no label is cut or runs
// into another: a state too long to sit beside its name goes under it, a replica row too
// narrow for its role and offsets on one line stacks them, and a drawing too narrow for even
// that grows wider than asked (minWidth) rather than overlapping.

import type { RunModel } from "../model/types.ts";
import { layoutLegend, legendItems, type LegendLayout } from "./cluster-legend.ts";
import type { RunTexts } from "./cluster-texts.ts";
import { widest, type MeasureText } from "./text-width.ts";
import { zoneBandsAbove } from "./zone-bands.ts";
import { linePx, textPx, type TypeScale } from "./type-scale.ts";

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Text sizes, one per kind of label. */
export interface ClusterType {
  readonly name: number;
  readonly state: number;
  readonly label: number;
  readonly detail: number;
}

/** A node's box: its name, and its state beside the name or (stacked) under it. */
export interface NodeBox extends Box {
  readonly stacked: boolean;
  readonly inset: number;
  /** Vertical centres of the name's and the state's lines. */
  readonly nameY: number;
  readonly stateY: number;
}

/**
 * How a replica row's text sits above its bar: role and offsets on one line (inline), on two
 * (stacked), or with the offsets split into LEO and HW lines (split). `wide` spells roles out.
 */
export interface ReplicaCell {
  readonly arrangement: "inline" | "stacked" | "split";
  readonly wide: boolean;
  /** The row's box sits ROW_INSET in from its broker's; text TEXT_INSET in from the row's. */
  readonly rowInset: number;
  readonly textInset: number;
  /** Vertical centre of each text line, from the row's top. */
  readonly lineY: readonly number[];
  readonly barY: number;
  readonly barH: number;
  readonly h: number;
}

export interface GroupBox extends Box {
  readonly inset: number;
  readonly titleY: number;
  readonly statusY: number;
  /** Top of each member's row, and the rows' height. */
  readonly memberTops: readonly number[];
  readonly memberH: number;
}

export interface ClusterLayout {
  readonly width: number;
  readonly height: number;
  /** The narrowest width at which every label fits (the layout never goes under it). */
  readonly minWidth: number;
  readonly type: ClusterType;
  readonly rowH: number;
  readonly headerH: number;
  readonly cell: ReplicaCell;
  /** Where the partition names start (a column left of the brokers). */
  readonly keysX: number;
  readonly controller: NodeBox;
  readonly brokers: ReadonlyMap<number, NodeBox>;
  readonly brokerH: number;
  readonly producers: ReadonlyMap<string, NodeBox>;
  /** Where each producer's acked/errors line starts (beside its box). */
  readonly producerStats: ReadonlyMap<string, readonly [number, number]>;
  readonly groups: ReadonlyMap<string, GroupBox>;
  /** Beside the controller when it fits there, else in a band of its own above the brokers. */
  readonly legend: LegendLayout;
  /** Where messages to and from a node start and end. */
  readonly anchors: ReadonlyMap<string, readonly [number, number]>;
}

interface Metrics {
  readonly type: ClusterType;
  readonly pad: number;
  readonly inset: number;
  readonly gap: number;
  readonly measure: MeasureText;
}

/**
 * A node box for a name and the longest of its states: as wide as one line needs, or `w` wide
 * with the state under the name when one line does not fit (or `stack` asks for it).
 */
function nodeBox(m: Metrics, x: number, y: number, name: string, states: readonly string[], w: number | null = null, stack = false): NodeBox {
  const { type, inset, gap, measure } = m;
  const nameW = measure(name, type.name, true);
  const stateW = widest(measure, states, type.state);
  const oneLineW = inset + nameW + (stateW > 0 ? gap + stateW : 0) + inset;
  const width = w ?? oneLineW;
  const stacked = stack || oneLineW > width;
  const nameL = linePx(type.name);
  const stateL = linePx(type.state);
  const padY = Math.round(type.name * 0.25);
  const h = padY * 2 + (stacked ? nameL + stateL : nameL);
  return { x, y, w: width, h, stacked, inset, nameY: y + padY + nameL / 2, stateY: stacked ? y + padY + nameL + stateL / 2 : y + padY + nameL / 2 };
}

/** The narrowest a node box can be: the longer of its name and its state, stacked. */
const stackedW = (m: Metrics, name: string, states: readonly string[]): number => 2 * m.inset + Math.max(m.measure(name, m.type.name, true), widest(m.measure, states, m.type.state));

const ROW_INSET = 2;
const TEXT_INSET = 4;
/** A broker column's width beyond its rows' text. */
const CELL_CHROME = 2 * (ROW_INSET + TEXT_INSET);

/** The first arrangement of a replica row whose text fits `innerW`, or null. */
function replicaCell(m: Metrics, texts: RunTexts, innerW: number): ReplicaCell | null {
  const { type, measure } = m;
  const offsetsW = measure(texts.offsets, type.detail);
  const splitW = widest(measure, texts.splitOffsets, type.detail);
  const options: [ReplicaCell["arrangement"], boolean][] = [
    ["inline", true],
    ["inline", false],
    ["stacked", true],
    ["stacked", false],
    ["split", true],
    ["split", false],
  ];
  for (const [arrangement, wide] of options) {
    const roleW = widest(measure, wide ? texts.wideRoles : texts.shortRoles, type.label, true);
    const need = arrangement === "inline" ? roleW + m.inset + offsetsW : Math.max(roleW, arrangement === "stacked" ? offsetsW : splitW);
    if (need <= innerW) return cellGeometry(type, arrangement, wide);
  }
  return null;
}

function cellGeometry(type: ClusterType, arrangement: ReplicaCell["arrangement"], wide: boolean): ReplicaCell {
  const lines = arrangement === "inline" ? 1 : arrangement === "stacked" ? 2 : 3;
  const lineH = Math.max(linePx(type.label), linePx(type.detail));
  const top = 1;
  const lineY = Array.from({ length: lines }, (_, i) => top + lineH * (i + 0.5));
  const barH = Math.max(4, Math.round(type.name * 0.35));
  // The HW tick reaches 2 px above and below the bar.
  const barY = top + lines * lineH + 2;
  return { arrangement, wide, rowInset: ROW_INSET, textInset: TEXT_INSET, lineY, barY, barH, h: barY + barH + 3 };
}

/** Lays boxes of the given widths left to right from `x0`, wrapping at `right`; returns each box's [x, row]. */
function flow(widths: readonly number[], x0: number, right: number, gap: number): [number, number][] {
  let x = x0;
  let row = 0;
  return widths.map((w) => {
    if (x > x0 && x + w > right) {
      x = x0;
      row++;
    }
    const at: [number, number] = [x, row];
    x += w + gap;
    return at;
  });
}

export function layoutCluster(model: RunModel, texts: RunTexts, requestedWidth: number, t: TypeScale, measure: MeasureText): ClusterLayout {
  const type: ClusterType = { name: textPx(t, 1), state: textPx(t, 0.85), label: textPx(t, 0.8), detail: textPx(t, 0.72) };
  const m: Metrics = { type, pad: Math.round(t.basePx * 0.9), inset: Math.max(6, Math.round(t.basePx * 0.6)), gap: Math.round(t.basePx * 0.8), measure };
  const { pad } = m;
  const n = Math.max(1, model.brokers.length);
  const keysW = widest(measure, texts.keys, type.label);
  const brokersX = pad + keysW + m.inset;
  const brokerNames = model.brokers.map((id) => `broker ${id}`);
  // The narrowest broker column: the stacked header, and the most compact row arrangement.
  const narrowestCell = CELL_CHROME + Math.max(widest(measure, texts.shortRoles, type.label, true), widest(measure, texts.splitOffsets, type.detail));
  const minBrokerW = Math.max(narrowestCell, ...brokerNames.map((b) => stackedW(m, b, texts.brokerStates)));
  const topItems = topRowWidths(m, model, texts);
  // Brokers stand an inset apart: their columns are what runs out of room first.
  const minWidth = Math.ceil(Math.max(brokersX + n * (minBrokerW + m.inset), ...topItems.map((w) => w + 2 * pad), ...groupWidths(m, model, texts).map((w) => w + 2 * pad)));
  const width = Math.max(requestedWidth, minWidth);
  const anchors = new Map<string, readonly [number, number]>();

  const topLegend = topAndLegend(m, model, texts, width, anchors, t.basePx);
  const { top, legend } = topLegend;
  // Zone bands (cluster.racks) name their zone above the brokers' boxes.
  const brokersTop = topLegend.brokersTop + zoneBandsAbove(type, model.racks);
  const brokerW = (width - brokersX - m.inset * n) / n;
  const cell = replicaCell(m, texts, brokerW - CELL_CHROME) ?? cellGeometry(type, "split", false);
  const oneLine = brokerNames.every((b) => nodeBox(m, 0, 0, b, texts.brokerStates).w <= brokerW);
  const brokers = new Map<number, NodeBox>();
  model.brokers.forEach((id, i) => {
    // One broker's state too long to sit beside its name puts every state under its name, so the rows line up.
    const box = nodeBox(m, brokersX + i * (brokerW + m.inset), brokersTop, `broker ${id}`, texts.brokerStates, brokerW, !oneLine);
    brokers.set(id, box);
    anchors.set(`broker-${id}`, [box.x + box.w / 2, box.y + box.h / 2]);
  });
  const headerH = brokers.values().next().value?.h ?? 0;
  const rowH = cell.h + 2;
  const brokerH = headerH + model.partitions.length * rowH + Math.round(pad / 2);
  const groups = layoutGroups(m, model, texts, width, brokersTop + brokerH + pad, anchors);
  const bottom = Math.max(brokersTop + brokerH, ...[...groups.values()].map((g) => g.y + g.h));
  return { width, height: bottom + Math.round(pad / 2), minWidth, type, rowH, headerH, cell, keysX: pad, controller: top.controller, brokers, brokerH, producers: top.producers, producerStats: top.stats, groups, legend, anchors };
}

/**
 * The top row and the legend: the legend goes right of the controller if its rows fit in the
 * height the row leaves above the brokers (the controller moving left, after the producers, to
 * make room if need be); else it gets a band of its own under the row, across the width.
 */
function topAndLegend(m: Metrics, model: RunModel, texts: RunTexts, width: number, anchors: Map<string, readonly [number, number]>, basePx: number) {
  const items = legendItems(model);
  const px = m.type.label;
  // Rows a little tighter than text lines elsewhere: two of them fit beside the controller.
  const rowH = Math.round(px * 1.2);
  const gap = Math.round(m.gap * 0.8);
  const gapAbove = Math.round(basePx * 0.8);
  for (const packLeft of [false, true]) {
    const top = layoutTopRow(m, model, texts, width, anchors, packLeft);
    const c = top.controller;
    const x = c.x + c.w + m.pad * 2;
    const rows = Math.floor((top.bottom + gapAbove - 2 - c.y) / rowH);
    const legend = layoutLegend(items, x, c.y, width - m.pad - x, px, rowH, gap, m.measure, rows);
    if (legend !== null) return { top, legend, brokersTop: top.bottom + gapAbove };
  }
  const top = layoutTopRow(m, model, texts, width, anchors, false);
  const legendTop = top.bottom + Math.round(basePx * 0.4);
  const legend = layoutLegend(items, m.pad, legendTop, width - 2 * m.pad, px, rowH, gap, m.measure) ?? { items: [], swatchW: 0, px, rowH, height: 0 };
  return { top, legend, brokersTop: legendTop + legend.height + gapAbove };
}

/** Each top-row item's width: a producer's box with its stats beside it, the controller's box. */
function topRowWidths(m: Metrics, model: RunModel, texts: RunTexts): number[] {
  const producer = (id: string): number => nodeBox(m, 0, 0, id, [texts.producerStates.get(id) ?? ""]).w + m.inset + m.measure(texts.producerStats.get(id) ?? "", m.type.label);
  return [...model.producers.map((p) => producer(p.id)), nodeBox(m, 0, 0, "controller", texts.controllerStates).w];
}

/** Producers from the left, their stats beside them, the controller in the middle when there is room (or right after them). */
function layoutTopRow(m: Metrics, model: RunModel, texts: RunTexts, width: number, anchors: Map<string, readonly [number, number]>, packLeft: boolean) {
  const widths = topRowWidths(m, model, texts);
  const controllerW = widths[widths.length - 1]!;
  const places = flow(widths.slice(0, -1), m.pad, width - m.pad, m.pad * 2);
  const rowH = nodeBox(m, 0, 0, "controller", texts.controllerStates).h + m.pad;
  const producers = new Map<string, NodeBox>();
  const stats = new Map<string, readonly [number, number]>();
  let lastRow = 0;
  let lastRight = m.pad;
  model.producers.forEach((p, i) => {
    const [x, row] = places[i]!;
    const box = nodeBox(m, x, m.pad + row * rowH, p.id, [texts.producerStates.get(p.id) ?? ""]);
    producers.set(p.id, box);
    stats.set(p.id, [box.x + box.w + m.inset, box.nameY]);
    anchors.set(p.id, [box.x + box.w / 2, box.y + box.h]);
    lastRow = row;
    lastRight = x + widths[i]!;
  });
  // Centred if that clears the last producer's stats (unless packed left), else after them, else on a row of its own.
  const after = model.producers.length === 0 ? m.pad : lastRight + m.pad * 2;
  let cx = packLeft ? after : Math.max(width / 2 - controllerW / 2, after);
  let cRow = lastRow;
  if (cx + controllerW > width - m.pad) {
    cx = width / 2 - controllerW / 2;
    cRow = lastRow + 1;
  }
  const controller = nodeBox(m, cx, m.pad + cRow * rowH, "controller", texts.controllerStates);
  anchors.set("controller", [controller.x + controller.w / 2, controller.y + controller.h]);
  return { producers, stats, controller, bottom: controller.y + controller.h };
}

function groupWidths(m: Metrics, model: RunModel, texts: RunTexts): number[] {
  const dot = Math.round(m.type.label * 0.7) + 6;
  return model.groups.map((g) =>
    2 * m.inset + Math.max(m.measure(`group ${g.group}`, m.type.name, true), widest(m.measure, texts.groupStatus.get(g.group) ?? [], m.type.state), ...g.members.map((mem) => dot + widest(m.measure, texts.members.get(mem) ?? [], m.type.label))),
  );
}

/** Consumer groups below the brokers, members listed inside, wrapping onto more rows. */
function layoutGroups(m: Metrics, model: RunModel, texts: RunTexts, width: number, top: number, anchors: Map<string, readonly [number, number]>): Map<string, GroupBox> {
  const widths = groupWidths(m, model, texts);
  const places = flow(widths, m.pad, width - m.pad, m.pad);
  const titleL = linePx(m.type.name);
  const statusL = linePx(m.type.state);
  const memberH = linePx(m.type.label) + 4;
  const heights = model.groups.map((g) => 4 + titleL + statusL + 4 + Math.max(1, g.members.length) * memberH + 4);
  const rowTops: number[] = [];
  places.forEach(([, row], i) => {
    rowTops[row + 1] = Math.max(rowTops[row + 1] ?? 0, (rowTops[row] ?? top) + heights[i]! + m.pad);
  });
  const groups = new Map<string, GroupBox>();
  model.groups.forEach((g, i) => {
    const [x, row] = places[i]!;
    const y = rowTops[row] ?? top;
    const membersTop = y + 4 + titleL + statusL + 4;
    const memberTops = g.members.map((_, j) => membersTop + j * memberH);
    groups.set(g.group, { x, y, inset: m.inset, w: widths[i]!, h: heights[i]!, titleY: y + 4 + titleL / 2, statusY: y + 4 + titleL + statusL / 2, memberTops, memberH });
    g.members.forEach((mem, j) => anchors.set(mem, [x + widths[i]! / 2, memberTops[j]! + memberH / 2]));
  });
  return groups;
}
