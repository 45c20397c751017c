// Messages in flight and network cuts, on a canvas over the cluster's SVG. Each Send record is
// an arrow travelling from its sender to its receiver between timeUs and arrivalUs (an arc
// between brokers, so it does not cross their neighbours), in its family's colour (palette.ts:
// none is a broker's). A cut is a dashed line between broker columns on different sides, and a
// broken stub from each client on one side towards the brokers of the other. Labels stay on
// top: the canvas is cleared under every label's box, so nothing is drawn across text. With
// reduced motion, a message is a faint line with its arrow head instead of travelling.

import { cutsAt } from "../model/network-cuts.ts";
import type { RunModel } from "../model/types.ts";
import { CUT_COLOUR, messageColour } from "../palette.ts";
import type { ClusterLayout } from "./cluster-layout.ts";

/** Beyond this many at once, only a sample is drawn (each still at its true position). */
const MAX_DRAWN = 4000;

export interface LabelBox {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

type Point = readonly [number, number];

export function drawMessages(ctx: CanvasRenderingContext2D, model: RunModel, layout: ClusterLayout, timeUs: number, scratch: number[], reducedMotion: boolean, labels: readonly LabelBox[]): number {
  const dpr = ctx.canvas.width / Math.max(1, layout.width);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, layout.width, layout.height);
  drawCuts(ctx, model, layout, timeUs);
  const msgs = model.messages;
  const live = msgs.inFlight(timeUs, scratch);
  const step = Math.max(1, Math.ceil(live.length / MAX_DRAWN));
  const nodeNames = msgs.nodeNames;
  const head = Math.max(6, layout.type.label * 0.45);
  ctx.lineWidth = 2;
  ctx.lineCap = "round";
  for (let j = 0; j < live.length; j += step) {
    const i = live[j]!;
    const a = layout.anchors.get(nodeNames[msgs.from[i]!] ?? "");
    const b = layout.anchors.get(nodeNames[msgs.to[i]!] ?? "");
    if (a === undefined || b === undefined) continue;
    const sent = msgs.sentUs[i]!;
    const u = (timeUs - sent) / Math.max(1, msgs.arrivalUs[i]! - sent);
    const c = control(a, b);
    ctx.fillStyle = ctx.strokeStyle = messageColour(msgs.kindNames[msgs.kind[i]!]!);
    const length = Math.max(1, Math.hypot(b[0] - a[0], b[1] - a[1]));
    // The shaft trails the head by a few head sizes along the path (from the sender at first).
    const tail = reducedMotion ? 0 : Math.max(0, u - (head * 2.5) / length);
    const at = point(a, c, b, u);
    ctx.globalAlpha = reducedMotion ? 0.35 : 1;
    ctx.beginPath();
    if (reducedMotion) {
      ctx.moveTo(a[0], a[1]);
      ctx.quadraticCurveTo(c[0], c[1], b[0], b[1]);
    } else {
      const from = point(a, c, b, tail);
      ctx.moveTo(from[0], from[1]);
      ctx.lineTo(at[0], at[1]);
    }
    ctx.stroke();
    ctx.globalAlpha = 1;
    // The head points along the path's tangent at the message's position.
    const d = tangent(a, c, b, u);
    arrowHead(ctx, at, Math.atan2(d[1], d[0]), head);
  }
  for (const l of labels) ctx.clearRect(l.x - 2, l.y - 1, l.w + 4, l.h + 2);
  return live.length;
}

function arrowHead(ctx: CanvasRenderingContext2D, [x, y]: Point, angle: number, size: number): void {
  ctx.beginPath();
  ctx.moveTo(x + Math.cos(angle) * size * 0.5, y + Math.sin(angle) * size * 0.5);
  ctx.lineTo(x + Math.cos(angle + 2.5) * size, y + Math.sin(angle + 2.5) * size);
  ctx.lineTo(x + Math.cos(angle - 2.5) * size, y + Math.sin(angle - 2.5) * size);
  ctx.closePath();
  ctx.fill();
}

/** The cuts in force at t: a dashed line in the gap between broker columns on different sides, a broken stub from each client in a group towards each broker on another side. */
function drawCuts(ctx: CanvasRenderingContext2D, model: RunModel, layout: ClusterLayout, timeUs: number): void {
  const cuts = cutsAt(model.cuts, timeUs);
  if (cuts.length === 0) return;
  ctx.save();
  ctx.strokeStyle = CUT_COLOUR;
  ctx.lineWidth = 3;
  ctx.setLineDash([7, 4]);
  const columns = [...layout.brokers.entries()].sort((x, y) => x[1].x - y[1].x);
  for (const cut of cuts) {
    const side = (node: string): number => cut.groups.findIndex((g) => g.includes(node));
    let prev: { side: number; right: number } | null = null;
    for (const [id, box] of columns) {
      const s = side(`broker-${id}`);
      if (s < 0) continue;
      if (prev !== null && prev.side !== s) {
        // In the gap just left of this column: the groups meet there.
        const x = box.x - (box.x - prev.right) / 2;
        ctx.beginPath();
        ctx.moveTo(x, box.y - 4);
        ctx.lineTo(x, box.y + layout.brokerH + 4);
        ctx.stroke();
      }
      prev = { side: s, right: box.x + box.w };
    }
    for (const [gi, group] of cut.groups.entries()) {
      for (const node of group) {
        if (node.startsWith("broker-")) continue;
        const a = layout.anchors.get(node);
        if (a === undefined) continue;
        cut.groups.forEach((other, oi) => {
          if (oi === gi || (cut.oneWay && gi !== 0 && oi !== 0)) return;
          for (const far of other) if (far.startsWith("broker-")) brokenStub(ctx, a, layout.anchors.get(far), layout.type.label);
        });
      }
    }
  }
  ctx.restore();
}

/** A dashed stub from `a` towards `b`, ending in a cross: this link is cut. */
function brokenStub(ctx: CanvasRenderingContext2D, a: Point, b: Point | undefined, px: number): void {
  if (b === undefined) return;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.max(1, Math.hypot(dx, dy));
  const reach = Math.min(len * 0.45, px * 3.5);
  const x = a[0] + (dx / len) * reach;
  const y = a[1] + (dy / len) * reach;
  ctx.beginPath();
  ctx.moveTo(a[0], a[1]);
  ctx.lineTo(x, y);
  ctx.stroke();
  const r = px * 0.35;
  ctx.save();
  ctx.setLineDash([]);
  ctx.beginPath();
  ctx.moveTo(x - r, y - r);
  ctx.lineTo(x + r, y + r);
  ctx.moveTo(x - r, y + r);
  ctx.lineTo(x + r, y - r);
  ctx.stroke();
  ctx.restore();
}

function point(a: Point, c: Point, b: Point, u: number): Point {
  return [(1 - u) * (1 - u) * a[0] + 2 * (1 - u) * u * c[0] + u * u * b[0], (1 - u) * (1 - u) * a[1] + 2 * (1 - u) * u * c[1] + u * u * b[1]];
}

function tangent(a: Point, c: Point, b: Point, u: number): Point {
  return [2 * (1 - u) * (c[0] - a[0]) + 2 * u * (b[0] - c[0]), 2 * (1 - u) * (c[1] - a[1]) + 2 * u * (b[1] - c[1])];
}

function control(a: Point, b: Point): Point {
  const mx = (a[0] + b[0]) / 2;
  const my = (a[1] + b[1]) / 2;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  // Bend to the left of the direction of travel: a request and its response take different arcs.
  return [mx - dy * 0.18, my + dx * 0.18];
}
