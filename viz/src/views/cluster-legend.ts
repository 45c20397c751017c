// The cluster view's legend: what a replica row's bar and tick are, what an orphaned tail, a
// replica out of the ISR, a crashed broker and a network cut look like, and the message arrows'
// colours. Only what the run can show is listed (no "orphaned" without an orphaned tail, no
// cut without a partition fault, no group traffic without groups). Laid out in rows by the
// cluster layout, drawn in SVG with the same shapes the view uses.

import type { Selection } from "d3";
import type { RunModel } from "../model/types.ts";
import { brokerColour, CUT_COLOUR, MESSAGE_FAMILIES, OKABE_ITO, ORPHAN_COLOUR, STATE_COLOURS } from "../palette.ts";
import type { MeasureText } from "./text-width.ts";

export type Swatch = "bar" | "tick" | "lso" | "orphaned" | "outOfIsr" | "crashed" | "cut" | "arrow";

export interface LegendItem {
  readonly swatch: Swatch;
  readonly text: string;
  /** The arrow's colour. */
  readonly colour?: string;
  /** Said in the item's tooltip. */
  readonly tip: string;
}

export interface PlacedItem extends LegendItem {
  readonly x: number;
  /** The vertical centre of its row. */
  readonly y: number;
}

export interface LegendLayout {
  readonly items: readonly PlacedItem[];
  readonly swatchW: number;
  readonly px: number;
  readonly rowH: number;
  readonly height: number;
}

export function legendItems(model: RunModel): LegendItem[] {
  const items: LegendItem[] = [
    { swatch: "bar", text: "LEO", tip: "bar: the replica's log end offset (LEO), over the partition's tail (from the lowest in-sync offset)" },
    { swatch: "tick", text: "HW", tip: "black tick: the high watermark (HW), the end of what consumers may read" },
  ];
  if (model.partitions.some((p) => p.lso.size > 0)) {
    items.push({ swatch: "lso", text: "LSO", tip: "green dashed tick: the last stable offset while an open transaction holds it below the HW; read_committed consumers read only up to it" });
  }
  if (model.partitions.some((p) => [...p.orphanFrom.values()].some((s) => s.values.some((v) => v >= 0)))) {
    items.push({ swatch: "orphaned", text: "orphaned", tip: "hatched: records past the log end of a leader elected without them; truncated when the replica follows (for acks=1, acknowledged records lost)" });
  }
  const elr = model.partitions.some((p) => p.state.values.some((v) => v.elr.length > 0));
  const elrTip = elr ? "; \"ELR\": out of the ISR but still an eligible leader replica (KIP-966), holding every committed record" : "";
  items.push({ swatch: "outOfIsr", text: "not ISR", tip: `dashed, tinted row: the replica is out of the in-sync replicas${elrTip}` });
  items.push({ swatch: "crashed", text: "down", tip: "a broker's box filled and dashed: crashed, power lost, stopped (its state is written in it); yellow: fenced by the controller" });
  if (model.cuts.length > 0) items.push({ swatch: "cut", text: "network cut", tip: "dashed line: no link between the nodes on either side while the partition lasts; a crossed stub: a client cut off from those brokers" });
  for (const f of MESSAGE_FAMILIES) {
    if (f.name === "group" && model.groups.length === 0) continue;
    items.push({ swatch: "arrow", text: f.name, colour: f.colour, tip: `arrow: a ${f.name} message (request or response) in flight, at its true position between send and arrival` });
  }
  return items;
}

/** Places items in rows from (x, top) within `width`; null when more rows than `maxRows` would be needed. */
export function layoutLegend(items: readonly LegendItem[], x: number, top: number, width: number, px: number, rowH: number, gap: number, measure: MeasureText, maxRows = Number.POSITIVE_INFINITY): LegendLayout | null {
  const swatchW = Math.round(px * 1.1);
  const placed: PlacedItem[] = [];
  let cx = x;
  let row = 0;
  for (const it of items) {
    const w = swatchW + 3 + measure(it.text, px);
    if (cx > x && cx + w > x + width) {
      cx = x;
      row++;
    }
    if (w > width || row >= maxRows) return null;
    placed.push({ ...it, x: cx, y: top + row * rowH + rowH / 2 });
    cx += w + gap;
  }
  return { items: placed, swatchW, px, rowH, height: (row + 1) * rowH };
}

type G = Selection<SVGGElement, unknown, null, undefined>;

export function drawLegend(parent: G, legend: LegendLayout, hatch: string): void {
  const g = parent.append("g").attr("data-testid", "cluster-legend");
  const { swatchW: w, px } = legend;
  const h = Math.max(4, Math.round(px * 0.45));
  for (const it of legend.items) {
    const item = g.append("g").attr("data-legend", it.text);
    item.append("title").text(it.tip);
    const { x, y } = it;
    switch (it.swatch) {
      case "bar":
        item.append("rect").attr("x", x).attr("y", y - h / 2).attr("width", w).attr("height", h).attr("fill", "#e5e5e5");
        item.append("rect").attr("x", x).attr("y", y - h / 2).attr("width", w * 0.65).attr("height", h).attr("fill", brokerColour(1));
        break;
      case "tick":
        item.append("rect").attr("x", x).attr("y", y - h / 2).attr("width", w).attr("height", h).attr("fill", "#e5e5e5");
        item.append("line").attr("x1", x + w / 2).attr("x2", x + w / 2).attr("y1", y - h / 2 - 2).attr("y2", y + h / 2 + 2).attr("stroke", "#000").attr("stroke-width", 2);
        break;
      case "lso":
        item.append("rect").attr("x", x).attr("y", y - h / 2).attr("width", w).attr("height", h).attr("fill", "#e5e5e5");
        item.append("line").attr("x1", x + w / 2).attr("x2", x + w / 2).attr("y1", y - h / 2 - 2).attr("y2", y + h / 2 + 2).attr("stroke", OKABE_ITO.green).attr("stroke-width", 2).attr("stroke-dasharray", "2 1");
        break;
      case "orphaned":
        item.append("rect").attr("x", x).attr("y", y - h / 2).attr("width", w).attr("height", h).attr("fill", `url(#${hatch})`).attr("stroke", ORPHAN_COLOUR).attr("stroke-width", 1);
        break;
      case "outOfIsr":
        item.append("rect").attr("x", x).attr("y", y - px * 0.4).attr("width", w).attr("height", px * 0.8).attr("rx", 2).attr("fill", "#fde7da").attr("stroke", OKABE_ITO.vermillion).attr("stroke-dasharray", "3 2");
        break;
      case "crashed":
        item.append("rect").attr("x", x).attr("y", y - px * 0.4).attr("width", w).attr("height", px * 0.8).attr("rx", 3).attr("fill", STATE_COLOURS.crashed).attr("stroke", "#333").attr("stroke-width", 1.5).attr("stroke-dasharray", "4 2");
        break;
      case "cut":
        item.append("line").attr("x1", x + w / 2).attr("x2", x + w / 2).attr("y1", y - px * 0.5).attr("y2", y + px * 0.5).attr("stroke", CUT_COLOUR).attr("stroke-width", 3).attr("stroke-dasharray", "4 2");
        break;
      case "arrow": {
        const c = it.colour ?? "#888";
        item.append("line").attr("x1", x).attr("x2", x + w - 4).attr("y1", y).attr("y2", y).attr("stroke", c).attr("stroke-width", 2);
        item.append("path").attr("d", `M${x + w},${y} l-6,-4 l0,8 z`).attr("fill", c);
        break;
      }
    }
    item.append("text").attr("x", x + w + 3).attr("y", y).attr("dominant-baseline", "middle").attr("font-size", px).attr("fill", "#222").text(it.text);
  }
}

/** A hatch pattern for orphaned records, defined once per drawing. */
export function defineHatch(svg: Selection<SVGSVGElement, unknown, null, undefined>, id: string): void {
  const p = svg.append("defs").append("pattern").attr("id", id).attr("patternUnits", "userSpaceOnUse").attr("width", 6).attr("height", 6).attr("patternTransform", "rotate(45)");
  p.append("rect").attr("width", 6).attr("height", 6).attr("fill", "#fbd3bd");
  p.append("rect").attr("width", 3).attr("height", 6).attr("fill", ORPHAN_COLOUR);
}
