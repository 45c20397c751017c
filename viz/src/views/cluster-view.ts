// The cluster at time t: brokers (up, fenced, crashed, paused, stopped), the controller,
// producers and consumer groups; per partition its leader (epoch), followers and ISR, each
// replica's log end offset and high watermark. Nodes are SVG (built once, attributes updated
// per frame); the dense layer, messages in flight, is a canvas on top (message-layer.ts).

import { select, type Selection } from "d3";
import type { ProducerSpec } from "../../../sim/scenario/types.ts";
import type { RunModel } from "../model/types.ts";
import { brokerColour, OKABE_ITO, STATE_COLOURS } from "../palette.ts";
import { layoutCluster, type ClusterLayout } from "./cluster-layout.ts";
import { drawMessages } from "./message-layer.ts";
import { brokerState, replicaFacts, tailDomain } from "./cluster-state.ts";

type G = Selection<SVGGElement, unknown, null, undefined>;

interface ReplicaEls {
  readonly broker: number;
  readonly partition: number;
  readonly bg: SVGRectElement;
  readonly role: SVGTextElement;
  readonly nums: SVGTextElement;
  readonly fill: SVGRectElement;
  readonly hw: SVGLineElement;
  readonly title: SVGTitleElement;
  readonly wide: boolean;
  readonly x: number;
  readonly w: number;
}

interface NodeEls {
  readonly rect: SVGRectElement;
  readonly state: SVGTextElement;
  /** Characters the state text may take beside the name (narrow panes shorten it; the tooltip has it whole). */
  readonly stateChars: number;
  readonly tip: SVGTitleElement;
}

/** `text` cut to `chars` characters, with an ellipsis. */
const fit = (text: string, chars: number): string => (text.length <= chars ? text : chars <= 1 ? "" : `${text.slice(0, chars - 1)}…`);

export interface NodeClick {
  readonly node: string;
  readonly clientX: number;
  readonly clientY: number;
}

export class ClusterView {
  readonly root: HTMLDivElement;
  private readonly svg: SVGSVGElement;
  private readonly canvas: HTMLCanvasElement;
  private layout: ClusterLayout | null = null;
  private replicas: ReplicaEls[] = [];
  private brokerEls = new Map<number, NodeEls>();
  private nodeEls = new Map<string, NodeEls>();
  private producerEls = new Map<string, SVGTextElement>();
  private groupEls = new Map<string, SVGTextElement>();
  private memberEls: { group: string; member: string; dot: SVGCircleElement; text: SVGTextElement }[] = [];
  private readonly scratch: number[] = [];
  reducedMotion = false;

  constructor(
    private readonly model: RunModel,
    private readonly producers: readonly ProducerSpec[],
    private readonly onNodeClick: (click: NodeClick) => void,
  ) {
    this.root = document.createElement("div");
    this.root.className = "cluster";
    this.svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    this.svg.setAttribute("data-testid", "cluster-svg");
    this.svg.setAttribute("role", "img");
    this.canvas = document.createElement("canvas");
    this.canvas.className = "messages";
    this.root.append(this.svg, this.canvas);
  }

  /** (Re)builds the nodes for a width; call on mount and resize. */
  build(width: number, fontPx: number): void {
    const layout = layoutCluster(this.model, width, fontPx);
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
    const ctl = this.nodeBox(svg, "controller", "controller", layout.controller, fontPx);
    this.nodeEls.set("controller", ctl);
    for (const [id, box] of layout.brokers) this.buildBroker(svg, id, box, layout, fontPx);
    for (const [id, box] of layout.producers) {
      const g = this.nodeBox(svg, id, id, box, fontPx);
      this.nodeEls.set(id, g);
      const acks = this.producers.find((p) => p.id === id)?.config["acks"];
      g.state.textContent = `acks=${acks === -1 || acks === "-1" ? "all" : String(acks ?? "?")}`;
      const t = svg.append("text").attr("x", box.x + 4).attr("y", box.y + box.h + fontPx * 1.1).attr("font-size", fontPx * 0.8).attr("fill", "#333");
      this.producerEls.set(id, t.node()!);
    }
    for (const [group, box] of layout.groups) {
      const g = svg.append("g").attr("data-testid", `group-${group}`);
      g.append("rect").attr("x", box.x).attr("y", box.y).attr("width", box.w).attr("height", box.h).attr("rx", 6).attr("fill", "#fff").attr("stroke", OKABE_ITO.purple).attr("stroke-width", 2);
      g.append("text").attr("x", box.x + 8).attr("y", box.y + fontPx * 1.2).attr("font-weight", 600).attr("font-size", fontPx).text(`group ${group}`);
      const t = g.append("text").attr("x", box.x + 8).attr("y", box.y + fontPx * 2.3).attr("font-size", fontPx * 0.85);
      this.groupEls.set(group, t.node()!);
      const model = this.model.groups.find((x) => x.group === group);
      model?.members.forEach((m, i) => {
        const y = box.y + layout.headerH + (i + 0.5) * fontPx * 1.5;
        const member = g.append("g").attr("class", "node").attr("data-testid", m).attr("tabindex", 0).attr("role", "button").attr("aria-label", `consumer ${m}`);
        member.append("rect").attr("x", box.x + 4).attr("y", y - fontPx * 0.7).attr("width", box.w - 8).attr("height", fontPx * 1.4).attr("fill", "transparent");
        const dot = member.append("circle").attr("cx", box.x + 12).attr("cy", y).attr("r", fontPx * 0.35).attr("fill", STATE_COLOURS.up);
        const t = member.append("text").attr("x", box.x + 20).attr("y", y).attr("dominant-baseline", "middle").attr("font-size", fontPx * 0.8).text(m);
        const click = (e: MouseEvent | KeyboardEvent): void => {
          const r = (member.node() as SVGGElement).getBoundingClientRect();
          this.onNodeClick({ node: m, clientX: e instanceof MouseEvent && e.clientX > 0 ? e.clientX : r.left, clientY: e instanceof MouseEvent && e.clientY > 0 ? e.clientY : r.bottom });
        };
        member.on("click", click).on("keydown", (e: KeyboardEvent) => {
          if (e.key === "Enter") click(e);
        });
        this.memberEls.push({ group, member: m, dot: dot.node()!, text: t.node()! });
      });
    }
  }

  private nodeBox(svg: G | Selection<SVGSVGElement, unknown, null, undefined>, node: string, label: string, box: { x: number; y: number; w: number; h: number }, fontPx: number): NodeEls {
    const g = svg.append("g").attr("class", "node").attr("data-testid", node).attr("tabindex", 0).attr("role", "button").attr("aria-label", label);
    const rect = g.append("rect").attr("x", box.x).attr("y", box.y).attr("width", box.w).attr("height", box.h).attr("rx", 6).attr("fill", "#fff").attr("stroke", "#333").attr("stroke-width", 2);
    g.append("text").attr("x", box.x + 8).attr("y", box.y + box.h / 2).attr("dominant-baseline", "middle").attr("font-weight", 600).attr("font-size", fontPx).text(label);
    const state = g.append("text").attr("x", box.x + box.w - 8).attr("y", box.y + box.h / 2).attr("dominant-baseline", "middle").attr("text-anchor", "end").attr("font-size", fontPx * 0.85);
    const click = (e: MouseEvent | KeyboardEvent): void => {
      const r = (g.node() as SVGGElement).getBoundingClientRect();
      this.onNodeClick({ node, clientX: e instanceof MouseEvent && e.clientX > 0 ? e.clientX : r.left + r.width / 2, clientY: e instanceof MouseEvent && e.clientY > 0 ? e.clientY : r.bottom });
    };
    g.on("click", click).on("keydown", (e: KeyboardEvent) => {
      if (e.key === "Enter") click(e);
    });
    const stateChars = Math.floor((box.w - 16 - label.length * fontPx * 0.62 - fontPx * 0.6) / (fontPx * 0.85 * 0.6));
    const tip = g.append("title").node() as unknown as SVGTitleElement;
    return { rect: rect.node()!, state: state.node()!, stateChars, tip };
  }

  private buildBroker(svg: Selection<SVGSVGElement, unknown, null, undefined>, id: number, box: { x: number; y: number; w: number; h: number }, layout: ClusterLayout, fontPx: number): void {
    const outer = svg.append("g");
    outer.append("rect").attr("x", box.x).attr("y", box.y).attr("width", box.w).attr("height", box.h).attr("rx", 8).attr("fill", "#f7f7f7").attr("stroke", "#bbb");
    const header = this.nodeBox(outer, `broker-${id}`, `broker ${id}`, { x: box.x, y: box.y, w: box.w, h: layout.headerH }, fontPx);
    header.rect.setAttribute("stroke", brokerColour(id));
    this.brokerEls.set(id, header);
    this.model.partitions.forEach((p, row) => {
      const y = box.y + layout.headerH + row * layout.rowH + 3;
      const x = box.x + 5;
      const w = box.w - 10;
      const h = layout.rowH - 4;
      const g = outer.append("g").attr("data-testid", `replica-${p.key}-${id}`);
      const bg = g.append("rect").attr("x", x).attr("y", y).attr("width", w).attr("height", h).attr("rx", 3).attr("fill", "#fff");
      const small = fontPx * 0.8;
      const line1 = y + h * 0.3;
      g.append("text").attr("x", x + 4).attr("y", line1).attr("font-size", small).attr("dominant-baseline", "middle").text(p.key);
      const role = g.append("text").attr("x", x + w - 4).attr("y", line1).attr("font-size", small).attr("text-anchor", "end").attr("dominant-baseline", "middle").attr("font-weight", 600);
      const numsW = layout.wide ? fontPx * 8.5 : 0;
      const barH = Math.max(4, fontPx * 0.45);
      const barY = y + h * 0.72 - barH / 2;
      const nums = g.append("text").attr("x", x + w - 4).attr("y", y + h * 0.72).attr("font-size", fontPx * 0.72).attr("text-anchor", "end").attr("dominant-baseline", "middle").attr("fill", "#333");
      const barW = w - 8 - numsW;
      g.append("rect").attr("x", x + 4).attr("y", barY).attr("width", barW).attr("height", barH).attr("fill", "#e5e5e5");
      const fill = g.append("rect").attr("x", x + 4).attr("y", barY).attr("height", barH).attr("fill", brokerColour(id));
      const hw = g.append("line").attr("y1", barY - 2).attr("y2", barY + barH + 2).attr("stroke", "#000").attr("stroke-width", 2);
      const title = g.append("title");
      this.replicas.push({ broker: id, partition: row, bg: bg.node()!, role: role.node()!, nums: nums.node()!, fill: fill.node()!, hw: hw.node()!, title: title.node() as unknown as SVGTitleElement, x: x + 4, w: barW, wide: layout.wide });
    });
  }

  /** Draws the picture at time t: a pure function of (model, t). */
  render(timeUs: number): void {
    const m = this.model;
    for (const [id, els] of this.brokerEls) {
      const s = brokerState(m, id, timeUs);
      els.rect.setAttribute("fill", s.fill);
      els.rect.setAttribute("stroke-dasharray", s.dashed ? "5 3" : "");
      els.state.textContent = fit(s.label, els.stateChars);
      els.tip.textContent = `broker ${id}: ${s.label}`;
    }
    for (const [node, els] of this.nodeEls) {
      const state = m.process.get(node)?.at(timeUs) ?? "up";
      const colour = state === "up" ? "#fff" : STATE_COLOURS[state];
      els.rect.setAttribute("fill", colour);
      if (node === "controller") els.state.textContent = state === "up" ? "active" : state;
    }
    for (const [id, el] of this.producerEls) {
      const p = m.producers.find((x) => x.id === id);
      if (p === undefined) continue;
      const upTo = Math.floor(timeUs / m.metrics.bucketUs);
      let acked = 0;
      for (let b = 0; b <= upTo && b < p.acked.length; b++) acked += p.acked[b]!;
      const errors = p.errors.filter((e) => e.timeUs <= timeUs).length + p.retries.filter((e) => e.timeUs <= timeUs).length;
      el.textContent = `${Math.round(acked).toLocaleString("en-US")} acked · ${errors} errors`;
    }
    for (const [group, el] of this.groupEls) {
      const g = m.groups.find((x) => x.group === group);
      const gen = g?.generation.at(timeUs) ?? -1;
      const state = g?.state.at(timeUs) ?? "";
      const lag = g?.hasLag === true ? ` · lag ${g.lag.at(timeUs).toLocaleString("en-US")}` : "";
      el.textContent = gen < 0 ? "not formed yet" : `generation ${gen} · ${state}${lag}`;
    }
    for (const el of this.memberEls) {
      const g = m.groups.find((x) => x.group === el.group);
      const state = m.process.get(el.member)?.at(timeUs) ?? "down";
      el.dot.setAttribute("fill", STATE_COLOURS[state]);
      const owned = g?.assignment.get(el.member)?.at(timeUs) ?? [];
      el.text.textContent = `${el.member}${state === "up" ? "" : ` (${state})`}: ${owned.length === 0 ? "no partitions" : `p${owned.join(",")}`}`;
    }
    this.renderReplicas(timeUs);
    const ctx = this.canvas.getContext("2d");
    if (ctx !== null && this.layout !== null) drawMessages(ctx, m, this.layout, timeUs, this.scratch, this.reducedMotion);
  }

  private renderReplicas(timeUs: number): void {
    const m = this.model;
    const domains = m.partitions.map((p) => tailDomain(p, timeUs));
    for (const r of this.replicas) {
      const p = m.partitions[r.partition]!;
      const f = replicaFacts(p, r.broker, timeUs);
      const [lo, hi] = domains[r.partition]!;
      const hosted = f.hosted;
      r.bg.setAttribute("fill", !hosted ? "#f7f7f7" : f.inIsr ? "#ffffff" : "#fde7da");
      r.bg.setAttribute("stroke", f.leader ? brokerColour(r.broker) : f.inIsr ? "#888" : OKABE_ITO.vermillion);
      r.bg.setAttribute("stroke-width", f.leader ? "2.5" : "1");
      r.bg.setAttribute("stroke-dasharray", hosted && !f.inIsr ? "3 2" : "");
      const role = !hosted ? "" : f.leader ? `leader e${f.epoch}` : f.inIsr ? (r.wide ? "follower, in ISR" : "ISR") : r.wide ? "out of ISR" : "not ISR";
      r.role.textContent = role;
      const nums = `LEO ${f.leo} · HW ${f.hw}`;
      r.nums.textContent = hosted && r.wide ? nums : "";
      r.title.textContent = hosted ? `${p.key} on broker ${r.broker}: ${role}, ${nums}` : "";
      const scale = (x: number): number => r.x + (r.w * Math.max(0, Math.min(hi - lo, x - lo))) / Math.max(1, hi - lo);
      r.fill.setAttribute("width", hosted ? String(Math.max(0, scale(f.leo) - r.x)) : "0");
      r.fill.setAttribute("opacity", f.inIsr ? "1" : "0.45");
      const hx = scale(f.hw);
      r.hw.setAttribute("x1", String(hx));
      r.hw.setAttribute("x2", String(hx));
      r.hw.setAttribute("visibility", hosted ? "visible" : "hidden");
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
