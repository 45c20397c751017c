// Where each node of the cluster view sits: producers and the controller in the top row,
// brokers across the middle (each a column of its replicas, one row per partition, so a
// partition reads across), consumer groups in the bottom row. Pure geometry, recomputed on
// resize; brokers get the full width so their replica rows stay readable side by side.

import type { RunModel } from "../model/types.ts";

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface ClusterLayout {
  readonly width: number;
  readonly height: number;
  readonly rowH: number;
  readonly headerH: number;
  /** Replica rows show numbers beside their bar (wide) or only in a tooltip (narrow). */
  readonly wide: boolean;
  readonly controller: Box;
  readonly brokers: ReadonlyMap<number, Box>;
  readonly producers: ReadonlyMap<string, Box>;
  readonly groups: ReadonlyMap<string, Box>;
  /** Where messages to and from a node start and end. */
  readonly anchors: ReadonlyMap<string, readonly [number, number]>;
}

export function layoutCluster(model: RunModel, width: number, fontPx: number): ClusterLayout {
  const pad = Math.round(fontPx * 0.9);
  const headerH = Math.round(fontPx * 2.4);
  const rowH = Math.round(fontPx * 2.5);
  const anchors = new Map<string, readonly [number, number]>();
  // Top row: producers from the left, the controller in the middle.
  const controllerW = Math.min(Math.round(fontPx * 15), width * 0.3);
  const controller = { x: width / 2 - controllerW / 2, y: pad, w: controllerW, h: headerH };
  anchors.set("controller", [controller.x + controller.w / 2, controller.y + controller.h]);
  const producers = new Map<string, Box>();
  const prodW = Math.min(Math.round(fontPx * 13), (controller.x - pad * 2) / Math.max(1, model.producers.length) - pad);
  model.producers.forEach((p, i) => {
    const box = { x: pad + i * (prodW + pad), y: pad, w: prodW, h: headerH };
    producers.set(p.id, box);
    anchors.set(p.id, [box.x + box.w / 2, box.y + box.h]);
  });
  // Brokers across the full width, below a gap that leaves room for the producers' stats.
  const top = pad + headerH + Math.round(fontPx * 3.2);
  const n = Math.max(1, model.brokers.length);
  const brokerW = Math.max(70, (width - pad * (n + 1)) / n);
  const brokerH = headerH + model.partitions.length * rowH + pad;
  const brokers = new Map<number, Box>();
  model.brokers.forEach((id, i) => {
    const box = { x: pad + i * (brokerW + pad), y: top, w: brokerW, h: brokerH };
    brokers.set(id, box);
    anchors.set(`broker-${id}`, [box.x + box.w / 2, box.y + headerH / 2]);
  });
  // Bottom row: consumer groups, members listed inside.
  const groups = new Map<string, Box>();
  const gTop = top + brokerH + pad * 2;
  const gW = Math.min(Math.round(fontPx * 18), (width - pad * (model.groups.length + 1)) / Math.max(1, model.groups.length));
  let bottom = top + brokerH;
  model.groups.forEach((g, i) => {
    const members = Math.max(1, g.members.length);
    const box = { x: pad + i * (gW + pad), y: gTop, w: gW, h: headerH + members * fontPx * 1.5 + pad };
    groups.set(g.group, box);
    g.members.forEach((m, j) => anchors.set(m, [box.x + box.w / 2, box.y + headerH + (j + 0.5) * fontPx * 1.5]));
    bottom = Math.max(bottom, box.y + box.h);
  });
  return { width, height: bottom + pad, rowH, headerH, wide: brokerW >= fontPx * 17, controller, brokers, producers, groups, anchors };
}
