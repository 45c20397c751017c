// Availability zones in the cluster view (cluster.racks): a pale band behind each run of
// neighbouring brokers in one zone, tinted per zone and named at its top left, so a zone
// outage or a zone cut reads as one block. Brokers stay in id order; a zone whose brokers are
// not neighbours gets one band per run, in the same tint.

import type { Selection } from "d3";
import type { ClusterLayout, ClusterType } from "./cluster-layout.ts";

type Parent = Selection<SVGGElement, unknown, null, undefined> | Selection<SVGSVGElement, unknown, null, undefined>;

/** Pale tints, one per zone in the order cluster.racks first names them (repeating after six). */
const ZONE_TINTS = ["#e8f1fa", "#fdf0e1", "#e6f4ee", "#f6e9f2", "#f3f3dc", "#ececec"];

const bandMargin = (type: ClusterType): number => Math.max(3, Math.round(type.label * 0.3));
const labelHeight = (type: ClusterType): number => Math.round(type.detail * 1.25);

/** Room the bands take above the brokers' boxes (the layout moves the brokers down by it). */
export function zoneBandsAbove(type: ClusterType, racks: readonly string[] | null): number {
  return racks === null ? 0 : labelHeight(type) + bandMargin(type);
}

export function drawZoneBands(svg: Parent, layout: ClusterLayout, brokers: readonly number[], racks: readonly string[] | null): void {
  if (racks === null) return;
  const zones = [...new Set(racks)];
  const boxes = brokers.map((id) => ({ rack: racks[id - 1] ?? "", box: layout.brokers.get(id)! }));
  const margin = bandMargin(layout.type);
  const labelH = labelHeight(layout.type);
  const g = svg.append("g").attr("class", "zones").attr("aria-hidden", "true");
  for (let i = 0; i < boxes.length; ) {
    let j = i;
    while (j + 1 < boxes.length && boxes[j + 1]!.rack === boxes[i]!.rack) j++;
    const first = boxes[i]!.box;
    const last = boxes[j]!.box;
    const x = first.x - margin;
    const y = first.y - labelH - margin;
    g.append("rect").attr("x", x).attr("y", y).attr("width", last.x + last.w - first.x + 2 * margin).attr("height", layout.brokerH + labelH + 2 * margin).attr("rx", 10)
      .attr("fill", ZONE_TINTS[zones.indexOf(boxes[i]!.rack) % ZONE_TINTS.length]!).attr("stroke", "#9aa7b4").attr("stroke-dasharray", "4 3");
    g.append("text").attr("x", x + margin + 2).attr("y", y + labelH / 2 + margin / 2).attr("dominant-baseline", "middle").attr("font-size", layout.type.detail).attr("font-weight", 600).attr("fill", "#44546a").text(`zone ${boxes[i]!.rack}`);
    i = j + 1;
  }
}
