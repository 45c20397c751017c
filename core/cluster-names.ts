// Node names in the world, shared by core and sim so both address nodes the same way.

export const CONTROLLER_NODE = "controller";

/** Built once per id: node names are looked up on every send. A pure memo, shared between runs. */
const brokerNodes: string[] = [];

export function brokerNode(id: number): string {
  if (!(id >= 0 && id < 65536 && Number.isInteger(id))) return `broker-${id}`;
  return (brokerNodes[id] ??= `broker-${id}`);
}

export function brokerIdOf(node: string): number | null {
  if (!node.startsWith("broker-")) return null;
  const id = Number(node.slice(7));
  return Number.isInteger(id) ? id : null;
}

/** A voter of the controller quorum (cluster.controllers > 1): "controller-<id>", id from 1. */
export function controllerNode(id: number): string {
  return `controller-${id}`;
}

export function controllerIdOf(node: string): number | null {
  if (!node.startsWith("controller-")) return null;
  const id = Number(node.slice(11));
  return Number.isInteger(id) ? id : null;
}
