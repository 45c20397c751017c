// Node names in the world, shared by core and sim so both address nodes the same way.

export const CONTROLLER_NODE = "controller";

export function brokerNode(id: number): string {
  return `broker-${id}`;
}

export function brokerIdOf(node: string): number | null {
  if (!node.startsWith("broker-")) return null;
  const id = Number(node.slice(7));
  return Number.isInteger(id) ? id : null;
}
