// Messages in flight, on a canvas: each Send record is a dot travelling from its sender to its
// receiver between timeUs and arrivalUs (an arc between brokers, so it does not cross their
// neighbours). With reduced motion, a message is a faint line instead of a moving dot.

import type { RunModel } from "../model/types.ts";
import { messageColour } from "../palette.ts";
import type { ClusterLayout } from "./cluster-layout.ts";

/** Beyond this many at once, only a sample is drawn (each still at its true position). */
const MAX_DRAWN = 4000;

export function drawMessages(ctx: CanvasRenderingContext2D, model: RunModel, layout: ClusterLayout, timeUs: number, scratch: number[], reducedMotion: boolean): number {
  const dpr = ctx.canvas.width / Math.max(1, layout.width);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, layout.width, layout.height);
  const msgs = model.messages;
  const live = msgs.inFlight(timeUs, scratch);
  const step = Math.max(1, Math.ceil(live.length / MAX_DRAWN));
  const nodeNames = msgs.nodeNames;
  for (let j = 0; j < live.length; j += step) {
    const i = live[j]!;
    const a = layout.anchors.get(nodeNames[msgs.from[i]!] ?? "");
    const b = layout.anchors.get(nodeNames[msgs.to[i]!] ?? "");
    if (a === undefined || b === undefined) continue;
    const sent = msgs.sentUs[i]!;
    const u = (timeUs - sent) / Math.max(1, msgs.arrivalUs[i]! - sent);
    const [cx, cy] = control(a, b);
    ctx.fillStyle = ctx.strokeStyle = messageColour(msgs.kindNames[msgs.kind[i]!]!);
    if (reducedMotion) {
      ctx.globalAlpha = 0.35;
      ctx.beginPath();
      ctx.moveTo(a[0], a[1]);
      ctx.quadraticCurveTo(cx, cy, b[0], b[1]);
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
    const x = (1 - u) * (1 - u) * a[0] + 2 * (1 - u) * u * cx + u * u * b[0];
    const y = (1 - u) * (1 - u) * a[1] + 2 * (1 - u) * u * cy + u * u * b[1];
    ctx.beginPath();
    ctx.arc(x, y, 4, 0, Math.PI * 2);
    ctx.fill();
  }
  return live.length;
}

function control(a: readonly [number, number], b: readonly [number, number]): [number, number] {
  const mx = (a[0] + b[0]) / 2;
  const my = (a[1] + b[1]) / 2;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  // Bend to the left of the direction of travel: a request and its response take different arcs.
  return [mx - dy * 0.18, my + dx * 0.18];
}
