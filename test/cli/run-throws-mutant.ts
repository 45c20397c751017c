// A seeded mutant for CLI tests (loaded with node --import): a run that throws a plain
// TypeError part-way through, the shape of a simulator bug no handler expects.

import { Partition } from "../../core/broker/partition.ts";

const original = Partition.prototype.maybeIncrementLeaderHW;
let calls = 0;

Partition.prototype.maybeIncrementLeaderHW = function (this: Partition, ...args: Parameters<typeof original>): boolean {
  if (++calls > 50) throw new TypeError("run-throws-mutant: a bug part-way through the run");
  return original.apply(this, args);
};
