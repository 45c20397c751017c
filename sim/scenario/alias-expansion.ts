// Bounds what YAML aliases can make of a small file. The reader walks aliases as the values they
// name, so `[*a, *a, ...]` nested a few levels ("billion laughs") or an alias inside its own
// anchor would cost exponential or endless work. The expanded size is counted once per node
// (memoized), which also finds cycles, before anything else reads the document; so is the
// nesting depth, which a recursive reader would otherwise pay for in stack.

import { isAlias, isMap, isPair, isSeq, type Document, type Node } from "yaml";

/** Values a scenario may expand to once aliases are followed: far above any real file, far below a bomb. */
export const MAX_EXPANDED_VALUES = 1_000_000;
/** Maps and lists inside one another: a scenario needs five or six levels. */
export const MAX_NESTING = 64;

export type StructureProblem = { readonly kind: "cycle" | "bomb" | "deep"; readonly node: Node; readonly source?: string };

export function structureProblem(doc: Document): StructureProblem | null {
  const size = new Map<unknown, number>();
  const inProgress = new Set<unknown>();
  let problem: StructureProblem | null = null;
  const count = (node: unknown, depth: number): number => {
    if (problem !== null || node === null || typeof node !== "object") return 1;
    if (depth > MAX_NESTING) {
      problem = { kind: "deep", node: node as Node };
      return 1;
    }
    const known = size.get(node);
    if (known !== undefined) return known;
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (target === undefined) return 1;
      if (inProgress.has(target)) {
        problem = { kind: "cycle", node, source: node.source };
        return 1;
      }
      return count(target, depth);
    }
    inProgress.add(node);
    let total = 1;
    const collection = isMap(node) || isSeq(node);
    const children = collection ? (node.items as unknown[]) : isPair(node) ? [node.key, node.value] : [];
    for (const child of children) {
      total += count(child, collection ? depth + 1 : depth);
      if (total > MAX_EXPANDED_VALUES) break;
    }
    inProgress.delete(node);
    size.set(node, total);
    if (total > MAX_EXPANDED_VALUES && problem === null) problem = { kind: "bomb", node: node as Node };
    return total;
  };
  count(doc.contents, 0);
  return problem;
}
