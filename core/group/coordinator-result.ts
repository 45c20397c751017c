// CoordinatorResult (coordinator-common's runtime): what a group coordinator handler produces,
// the records to append to __consumer_offsets and the response to send once they are
// committed. The group's state changes only by replaying those records.

import type { CoordinatorRecord } from "../protocol/coordinator-records.ts";

export interface CoordinatorResult<R> {
  readonly records: readonly CoordinatorRecord[];
  readonly response: R;
}
