// The cluster at time t: brokers (up, fenced, crashed, paused, stopped), the controller,
// producers and consumer groups; per partition its leader (epoch), followers and ISR, each
// replica's log end offset and high watermark. Nodes are SVG (built once, attributes updated
// per frame); the dense layer, messages in flight and network cuts, is a canvas on top
// (message-layer.ts), cleared under the labels. A legend says what each mark means
// (cluster-legend.ts); records a replica holds past its leader's log are a hatched segment.

import type { QuorumModel } from "../model/controller-quorum.ts";
import { select, type Selection } from "d3";
import type { ProducerSpec } from "../../../sim/scenario/types.ts";
import type { RunModel } from "../model/types.ts";
import { cutsAt } from "../model/network-cuts.ts";
import { brokerColour, OKABE_ITO, STATE_COLOURS } from "../palette.ts";
import { defineHatch, drawLegend } from "./cluster-legend.ts";
import { layoutCluster, type ClusterLayout, type ClusterType, type GroupBox, type NodeBox } from "./cluster-layout.ts";
import { brokerState, replicaFacts, tailDomain } from "./cluster-state.ts";
import { drawZoneBands } from "./zone-bands.ts";
import { controllerLabel, quorumLabel, quorumTip, groupStatus, memberLabel, offsetsLabel, producerStats, roleLabel, runTexts, splitOffsetsLabel, type RunTexts } from "./cluster-texts.ts";
import { drawMessages, type LabelBox } from "./message-layer.ts";
import { measureText } from "./text-width.ts";
import type { TypeScale } from "./type-scale.ts";

type G = Selection<SVGGElement, unknown, null, undefined>;

let hatches = 0;
type Parent = G | Selection<SVGSVGElement, unknown, null, undefined>;

interface ReplicaEls {
  readonly broker: number;
  readonly partition: number;
  readonly bg: SVGRectElement;
  readonly role: SVGTextElement;
  /** The offsets: one text, or LEO and HW on lines of their own. */
  readonly offsets: readonly SVGTextElement[];
  readonly fill: SVGRectElement;
  /** Records past the leader's log end (orphaned-tails.ts). */
  readonly orphan: SVGRectElement;
  readonly hw: SVGLineElement;
  /** The last stable offset, a green tick left of the HW while an open transaction holds it back. */
  readonly lso: SVGLineElement;
  readonly title: SVGTitleElement;
  readonly x: number;
  readonly w: number;
}

interface NodeEls {
  readonly rect: SVGRectElement;
  readonly state: SVGTextElement;
  readonly tip: SVGTitleElement;
}

export interface NodeClick {
  readonly node: string;
  readonly clientX: number;
  readonly clientY: number;
}

export class ClusterView {
  readonly root: HTMLDivElement;
  private readonly svg: SVGSVGElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly texts: RunTexts;
  private layout: ClusterLayout | null = null;
  private replicas: ReplicaEls[] = [];
  private brokerEls = new Map<number, NodeEls>();
  private nodeEls = new Map<string, NodeEls>();
  private producerEls = new Map<string, SVGTextElement>();
  private groupEls = new Map<string, SVGTextElement>();
  private memberEls: { group: string; member: string; dot: SVGCircleElement; text: SVGTextElement }[] = [];
  private readonly scratch: number[] = [];
  /** Every label, with its box as last measured for its text (messages are not drawn across them). */
  private labels: { el: SVGTextElement; text: string; box: LabelBox }[] = [];
  private readonly hatchId = `orphan-hatch-${++hatches}`;
  reducedMotion = false;

  constructor(
    private readonly model: RunModel,
    producers: readonly ProducerSpec[],
    private readonly onNodeClick: (click: NodeClick) => void,
  ) {
    this.texts = runTexts(model, producers);
    this.root = document.createElement("div");
    this.root.className = "cluster";
    this.svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    this.svg.setAttribute("data-testid", "cluster-svg");
    this.svg.setAttribute("role", "img");
    this.canvas = document.createElement("canvas");
    this.canvas.className = "messages";
    this.root.append(this.svg, this.canvas);
  }

  /** The narrowest width at which this run's labels fit in the given type. */
  minWidth(type: TypeScale): number {
    return layoutCluster(this.model, this.texts, 0, type, measureText).minWidth;
  }

  /** (Re)builds the nodes for a width and type; call on mount, resize and type change. */
  build(width: number, type: TypeScale): void {
    const layout = layoutCluster(this.model, this.texts, width, type, measureText);
    this.layout = layout;
    const svg = select(this.svg);
    svg.selectAll("*").remove();
    svg.attr("width", layout.width).attr("height", layout.height).attr("viewBox", `0 0 ${layout.width} ${layout.height}`);
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(layout.width * dpr);
    this.canvas.height = Math.round(layout.height * dpr);
    this.canvas.style.width = `${layout.width}px`;
    this.canvas.style.height = `${layout.height}px`;
    this.replicas = [];
    this.brokerEls.clear();
    this.nodeEls.clear();
    this.producerEls.clear();
    this.groupEls.clear();
    this.memberEls = [];
    defineHatch(svg, this.hatchId);
    this.nodeEls.set("controller", this.nodeBox(svg, "controller", "controller", layout.controller, layout.type));
    this.buildKeys(svg, layout);
    drawZoneBands(svg, layout, this.model.brokers, this.model.racks);
    for (const [id, box] of layout.brokers) this.buildBroker(svg, id, box, layout);
    for (const [id, box] of layout.producers) {
      const g = this.nodeBox(svg, id, id, box, layout.type);
      this.nodeEls.set(id, g);
      g.state.textContent = this.texts.producerStates.get(id) ?? "";
      const [x, y] = layout.producerStats.get(id)!;
      const t = svg.append("text").attr("x", x).attr("y", y).attr("dominant-baseline", "middle").attr("font-size", layout.type.label).attr("fill", "#333");
      this.producerEls.set(id, t.node()!);
    }
    for (const [group, box] of layout.groups) this.buildGroup(svg, group, box, layout.type);
    drawLegend(svg.append("g"), layout.legend, this.hatchId);
    this.labels = Array.from(this.svg.querySelectorAll("text"), (el) => ({ el, text: "\u0000", box: { x: 0, y: 0, w: 0, h: 0 } }));
  }

  /** The labels' boxes now; a label is measured again only when its text changed. */
  private labelBoxes(): LabelBox[] {
    const boxes: LabelBox[] = [];
    for (const l of this.labels) {
      const text = l.el.textContent ?? "";
      if (text === "") continue;
      if (text !== l.text) {
        const b = l.el.getBBox();
        l.text = text;
        l.box = { x: b.x, y: b.y, w: b.width, h: b.height };
      }
      boxes.push(l.box);
    }
    return boxes;
  }

  /** Calls back with where a node was clicked (or, from the keyboard, where it is). */
  private clickable(g: G, node: string): void {
    const click = (e: MouseEvent | KeyboardEvent): void => {
      const r = (g.node() as SVGGElement).getBoundingClientRect();
      this.onNodeClick({ node, clientX: e instanceof MouseEvent && e.clientX > 0 ? e.clientX : r.left + r.width / 2, clientY: e instanceof MouseEvent && e.clientY > 0 ? e.clientY : r.bottom });
    };
    g.on("click", click).on("keydown", (e: KeyboardEvent) => {
      if (e.key === "Enter") click(e);
    });
  }

  private nodeBox(parent: Parent, node: string, label: string, box: NodeBox, type: ClusterType): NodeEls {
    const g = parent.append("g").attr("class", "node").attr("data-testid", node).attr("tabindex", 0).attr("role", "button").attr("aria-label", label);
    const rect = g.append("rect").attr("x", box.x).attr("y", box.y).attr("width", box.w).attr("height", box.h).attr("rx", 6).attr("fill", "#fff").attr("stroke", "#333").attr("stroke-width", 2);
    g.append("text").attr("x", box.x + box.inset).attr("y", box.nameY).attr("dominant-baseline", "middle").attr("font-weight", 600).attr("font-size", type.name).text(label);
    const state = g.append("text").attr("y", box.stateY).attr("dominant-baseline", "middle").attr("font-size", type.state);
    if (box.stacked) state.attr("x", box.x + box.inset);
    else state.attr("x", box.x + box.w - box.inset).attr("text-anchor", "end");
    this.clickable(g, node);
    const tip = g.append("title").node() as unknown as SVGTitleElement;
    return { rect: rect.node()!, state: state.node()!, tip };
  }

  /** Partition names in a column left of the brokers, one per replica row. */
  private buildKeys(svg: Parent, layout: ClusterLayout): void {
    const top = (layout.brokers.values().next().value?.y ?? 0) + layout.headerH;
    this.model.partitions.forEach((p, row) => {
      svg.append("text").attr("x", layout.keysX).attr("y", top + row * layout.rowH + 2 + layout.cell.h / 2).attr("dominant-baseline", "middle").attr("font-size", layout.type.label).attr("fill", "#333").text(p.key);
    });
  }

  private buildBroker(svg: Parent, id: number, box: NodeBox, layout: ClusterLayout): void {
    const outer = svg.append("g");
    outer.append("rect").attr("x", box.x).attr("y", box.y).attr("width", box.w).attr("height", layout.brokerH).attr("rx", 8).attr("fill", "#f7f7f7").attr("stroke", "#bbb");
    const header = this.nodeBox(outer, `broker-${id}`, `broker ${id}`, box, layout.type);
    header.rect.setAttribute("stroke", brokerColour(id));
    this.brokerEls.set(id, header);
    const { cell, type } = layout;
    this.model.partitions.forEach((p, row) => {
      const y = box.y + layout.headerH + row * layout.rowH + 2;
      const x = box.x + cell.rowInset;
      const w = box.w - 2 * cell.rowInset;
      const ti = cell.textInset;
      const g = outer.append("g").attr("data-testid", `replica-${p.key}-${id}`);
      const bg = g.append("rect").attr("x", x).attr("y", y).attr("width", w).attr("height", cell.h).attr("rx", 3).attr("fill", "#fff");
      const text = (line: number, px: number, end = false): SVGTextElement => {
        const t = g.append("text").attr("x", end ? x + w - ti : x + ti).attr("y", y + cell.lineY[line]!).attr("font-size", px).attr("dominant-baseline", "middle").attr("fill", "#222");
        if (end) t.attr("text-anchor", "end");
        return t.node()!;
      };
      const role = text(0, type.label);
      role.setAttribute("font-weight", "600");
      const offsets = cell.arrangement === "inline" ? [text(0, type.detail, true)] : cell.arrangement === "stacked" ? [text(1, type.detail)] : [text(1, type.detail), text(2, type.detail)];
      const barY = y + cell.barY;
      g.append("rect").attr("x", x + ti).attr("y", barY).attr("width", w - 2 * ti).attr("height", cell.barH).attr("fill", "#e5e5e5");
      const fill = g.append("rect").attr("x", x + ti).attr("y", barY).attr("height", cell.barH).attr("fill", brokerColour(id));
      const orphan = g.append("rect").attr("data-orphaned", "").attr("y", barY).attr("height", cell.barH).attr("fill", `url(#${this.hatchId})`).attr("stroke", OKABE_ITO.vermillion).attr("stroke-width", 1).attr("visibility", "hidden");
      const hw = g.append("line").attr("y1", barY - 2).attr("y2", barY + cell.barH + 2).attr("stroke", "#000").attr("stroke-width", 2);
      const lso = g.append("line").attr("y1", barY - 2).attr("y2", barY + cell.barH + 2).attr("stroke", OKABE_ITO.green).attr("stroke-width", 2).attr("stroke-dasharray", "2 1").attr("visibility", "hidden");
      const title = g.append("title");
      this.replicas.push({ broker: id, partition: row, bg: bg.node()!, role, offsets, fill: fill.node()!, orphan: orphan.node()!, hw: hw.node()!, lso: lso.node()!, title: title.node() as unknown as SVGTitleElement, x: x + ti, w: w - 2 * ti });
    });
  }

  private buildGroup(svg: Parent, group: string, box: GroupBox, type: ClusterType): void {
    const g = svg.append("g").attr("data-testid", `group-${group}`);
    const inset = box.inset;
    g.append("rect").attr("x", box.x).attr("y", box.y).attr("width", box.w).attr("height", box.h).attr("rx", 6).attr("fill", "#fff").attr("stroke", OKABE_ITO.purple).attr("stroke-width", 2);
    g.append("text").attr("x", box.x + inset).attr("y", box.titleY).attr("dominant-baseline", "middle").attr("font-weight", 600).attr("font-size", type.name).text(`group ${group}`);
    const status = g.append("text").attr("x", box.x + inset).attr("y", box.statusY).attr("dominant-baseline", "middle").attr("font-size", type.state);
    this.groupEls.set(group, status.node()!);
    const r = type.label * 0.35;
    this.model.groups.find((x) => x.group === group)?.members.forEach((m, i) => {
      const top = box.memberTops[i]!;
      const member = g.append("g").attr("class", "node").attr("data-testid", m).attr("tabindex", 0).attr("role", "button").attr("aria-label", `consumer ${m}`);
      member.append("rect").attr("x", box.x + 4).attr("y", top).attr("width", box.w - 8).attr("height", box.memberH).attr("fill", "transparent");
      const dot = member.append("circle").attr("cx", box.x + inset + r).attr("cy", top + box.memberH / 2).attr("r", r).attr("fill", STATE_COLOURS.up);
      const t = member.append("text").attr("x", box.x + inset + Math.round(type.label * 0.7) + 6).attr("y", top + box.memberH / 2).attr("dominant-baseline", "middle").attr("font-size", type.label).text(m);
      this.clickable(member, m);
      this.memberEls.push({ group, member: m, dot: dot.node()!, text: t.node()! });
    });
  }

  /** A quorum's box: the active controller (white) or none (yellow, as a fenced broker); the tooltip lists every voter's role and log end, and the metadata high watermark. */
  private renderQuorum(els: NodeEls, quorum: QuorumModel, timeUs: number): void {
    const active = quorum.active.at(timeUs);
    els.rect.setAttribute("fill", active === "" ? STATE_COLOURS.fenced : "#fff");
    els.state.textContent = quorumLabel(active);
    els.tip.textContent = quorumTip(quorum, timeUs);
  }

  /** Draws the picture at time t: a pure function of (model, t). */
  render(timeUs: number): void {
    const m = this.model;
    for (const [id, els] of this.brokerEls) {
      const s = brokerState(m, id, timeUs);
      els.rect.setAttribute("fill", s.fill);
      els.rect.setAttribute("stroke-dasharray", s.dashed ? "5 3" : "");
      els.state.textContent = s.label;
      els.tip.textContent = `broker ${id}${m.racks === null ? "" : ` (zone ${m.racks[id - 1]})`}: ${s.label}`;
    }
    for (const [node, els] of this.nodeEls) {
      const state = m.process.get(node)?.at(timeUs) ?? "up";
      const colour = state === "up" ? "#fff" : STATE_COLOURS[state];
      els.rect.setAttribute("fill", colour);
      if (node === "controller" && m.quorum !== null) this.renderQuorum(els, m.quorum, timeUs);
      else if (node === "controller") els.state.textContent = controllerLabel(state);
    }
    for (const [id, el] of this.producerEls) {
      const p = m.producers.find((x) => x.id === id);
      if (p === undefined) continue;
      const upTo = Math.floor(timeUs / m.metrics.bucketUs);
      let acked = 0;
      for (let b = 0; b <= upTo && b < p.acked.length; b++) acked += p.acked[b]!;
      const errors = p.errors.filter((e) => e.timeUs <= timeUs).length + p.retries.filter((e) => e.timeUs <= timeUs).length;
      el.textContent = producerStats(acked, errors);
    }
    for (const [group, el] of this.groupEls) {
      const g = m.groups.find((x) => x.group === group);
      const gen = g?.generation.at(timeUs) ?? -1;
      const state = g?.state.at(timeUs) ?? "";
      el.textContent = groupStatus(gen, state, g?.hasLag === true ? g.lag.at(timeUs) : null);
    }
    for (const el of this.memberEls) {
      const g = m.groups.find((x) => x.group === el.group);
      const state = m.process.get(el.member)?.at(timeUs) ?? "down";
      el.dot.setAttribute("fill", STATE_COLOURS[state]);
      const owned = g?.assignment.get(el.member)?.at(timeUs) ?? [];
      el.text.textContent = memberLabel(el.member, state, owned);
    }
    this.renderReplicas(timeUs);
    const ctx = this.canvas.getContext("2d");
    if (ctx !== null && this.layout !== null) drawMessages(ctx, m, this.layout, timeUs, this.scratch, this.reducedMotion, this.labelBoxes());
    const cuts = cutsAt(m.cuts, timeUs);
    if (cuts.length === 0) this.root.removeAttribute("data-cut");
    else this.root.dataset["cut"] = cuts.map((c) => c.groups.map((g) => g.join(",")).join(" | ")).join("; ");
  }

  private renderReplicas(timeUs: number): void {
    const m = this.model;
    const domains = m.partitions.map((p) => tailDomain(p, timeUs));
    const wide = this.layout?.cell.wide ?? false;
    for (const r of this.replicas) {
      const p = m.partitions[r.partition]!;
      const f = replicaFacts(p, r.broker, timeUs);
      const [lo, hi] = domains[r.partition]!;
      const hosted = f.hosted;
      r.bg.setAttribute("fill", !hosted ? "#f7f7f7" : f.inIsr ? "#ffffff" : "#fde7da");
      r.bg.setAttribute("stroke", f.leader ? brokerColour(r.broker) : f.inIsr ? "#888" : OKABE_ITO.vermillion);
      r.bg.setAttribute("stroke-width", f.leader ? "2.5" : "1");
      r.bg.setAttribute("stroke-dasharray", hosted && !f.inIsr ? "3 2" : "");
      const role = roleLabel(f, wide);
      r.role.textContent = role;
      const offsets = r.offsets.length === 1 ? [offsetsLabel(f.leo, f.hw)] : splitOffsetsLabel(f.leo, f.hw);
      r.offsets.forEach((el, i) => {
        el.textContent = hosted ? offsets[i]! : "";
      });
      const scale = (x: number): number => r.x + (r.w * Math.max(0, Math.min(hi - lo, x - lo))) / Math.max(1, hi - lo);
      const orphanFrom = hosted ? (p.orphanFrom.get(r.broker)?.at(timeUs) ?? -1) : -1;
      const orphaned = orphanFrom >= 0 && f.leo > orphanFrom ? orphanSpan(scale(orphanFrom), scale(f.leo), r.x, r.w) : null;
      const tail = orphaned === null ? "" : `; ${(f.leo - orphanFrom).toLocaleString("en-US")} orphaned (offsets ${orphanFrom}–${f.leo - 1}): past the log end of the leader elected without them, truncated when this replica follows`;
      const stable = f.lso >= 0 ? `, LSO ${f.lso.toLocaleString("en-US")} (an open transaction: read_committed reads stop here)` : "";
      r.title.textContent = hosted ? `${p.key} on broker ${r.broker}: ${role}, ${offsetsLabel(f.leo, f.hw)}${stable}${tail}` : "";
      r.fill.setAttribute("width", hosted ? String(Math.max(0, (orphaned === null ? scale(f.leo) : Math.min(scale(orphanFrom), orphaned[0])) - r.x)) : "0");
      r.orphan.setAttribute("visibility", orphaned === null ? "hidden" : "visible");
      if (orphaned !== null) {
        r.orphan.setAttribute("x", String(orphaned[0]));
        r.orphan.setAttribute("width", String(orphaned[1] - orphaned[0]));
      }
      r.fill.setAttribute("opacity", f.inIsr ? "1" : "0.45");
      const hx = scale(f.hw);
      r.hw.setAttribute("x1", String(hx));
      r.hw.setAttribute("x2", String(hx));
      r.hw.setAttribute("visibility", hosted ? "visible" : "hidden");
      const lx = scale(f.lso);
      r.lso.setAttribute("x1", String(lx));
      r.lso.setAttribute("x2", String(lx));
      r.lso.setAttribute("visibility", hosted && f.lso >= 0 ? "visible" : "hidden");
    }
  }

  /** Marks nodes picked for a drawn network partition (data-group="A"|"B"; styles.css draws them). */
  setGroups(groups: ReadonlyMap<string, string>): void {
    for (const el of Array.from(this.svg.querySelectorAll<SVGGElement>(".node"))) {
      const side = groups.get(el.getAttribute("data-testid") ?? "");
      if (side === undefined) el.removeAttribute("data-group");
      else el.setAttribute("data-group", side);
    }
  }

  get svgElement(): SVGSVGElement {
    return this.svg;
  }

  get messageCanvas(): HTMLCanvasElement {
    return this.canvas;
  }
}

/**
 * Where an orphaned tail's segment goes on a bar starting at `x0` of width `w`: its offsets'
 * place, widened to be seen; at the bar's start when they lie below the range the bar shows.
 */
function orphanSpan(from: number, to: number, x0: number, w: number): [number, number] {
  const least = Math.max(8, w * 0.08);
  if (to - from >= least) return [from, to];
  const right = Math.max(to, x0 + least);
  return [right - least, right];
}
