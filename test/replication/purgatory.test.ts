import { describe, expect, it } from "vitest";
import { PURGE_INTERVAL_OPERATIONS, Purgatory } from "../../core/broker/purgatory.ts";

interface Op {
  readonly id: number;
}

/** Entries the purgatory holds in its watch lists (private state, read for the test). */
function watchEntries(p: Purgatory<Op>): number {
  let n = 0;
  for (const list of (p as unknown as { byPartition: Map<string, { ops: Op[] }> }).byPartition.values()) n += list.ops.length;
  return n;
}

describe("Purgatory", () => {
  it("returns live operations watching a key in arrival order and prunes completed ones", () => {
    const p = new Purgatory<Op>();
    const ops = [{ id: 1 }, { id: 2 }, { id: 3 }];
    for (const op of ops) p.add(op, ["t-0", "t-1"]);
    p.remove(ops[1]!);
    expect(p.watching("t-0").map((o) => o.id)).toEqual([1, 3]);
    expect(p.size).toBe(2);
    expect(p.remove(ops[1]!)).toBe(false);
  });

  it("sweeps completed operations from keys nobody watches (an idle partition) every purge interval", () => {
    const p = new Purgatory<Op>();
    const live = { id: 0 };
    p.add(live, ["idle-0", "busy-0"]);
    for (let id = 1; id <= 10 * PURGE_INTERVAL_OPERATIONS; id++) {
      const op = { id };
      p.add(op, ["idle-0", "idle-1", "busy-0"]);
      p.remove(op);
      p.watching("busy-0"); // the busy key prunes itself; the idle ones only by the sweep
    }
    expect(watchEntries(p)).toBeLessThanOrEqual(3 * (PURGE_INTERVAL_OPERATIONS + 2));
    expect(p.watching("idle-0")).toEqual([live]);
    expect(p.watching("idle-1")).toEqual([]);
  });

  it("completing operations while iterating a watch list visits every one (a sweep never runs mid-iteration)", () => {
    const p = new Purgatory<Op>();
    for (let id = 0; id < 3 * PURGE_INTERVAL_OPERATIONS; id++) p.add({ id }, ["k"]);
    let visited = 0;
    for (const op of p.watching("k")) {
      visited++;
      p.remove(op);
    }
    expect(visited).toBe(3 * PURGE_INTERVAL_OPERATIONS);
    expect(p.size).toBe(0);
  });

  it("a sweep set off by add() inside a loop over watching() leaves that list as it is", () => {
    const p = new Purgatory<Op>();
    const ops = Array.from({ length: 3000 }, (_, id) => ({ id }));
    for (const op of ops) p.add(op, ["k"]);
    for (const op of ops.slice(0, 2000)) p.remove(op);
    const visited: number[] = [];
    for (const op of p.watching("k")) {
      if (visited.length === 0) {
        for (const done of ops.slice(2000, 2500)) p.remove(done); // completed mid-loop: still visited
        p.add({ id: 9999 }, ["k", "other"]); // over the purge interval: a sweep runs here
      }
      visited.push(op.id);
    }
    expect(visited.length).toBe(1001); // the 1,000 live at the start, then the one added in the loop
    expect(visited.at(-1)).toBe(9999);
  });
});
