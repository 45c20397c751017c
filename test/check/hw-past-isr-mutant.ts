// A seeded mutant for CLI tests (loaded with node --import): leaders advance the high
// watermark to their log end offset without waiting for the ISR.

import { Partition } from "../../core/broker/partition.ts";

Partition.prototype.maybeIncrementLeaderHW = function (this: Partition): boolean {
  return this.role === "leader" && this.log.maybeIncrementHighWatermark(this.log.logEndOffset);
};
