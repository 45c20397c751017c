// Where a replica's log runs past the point where it diverges from the partition's current
// leader: the records it holds past the log end of a leader elected without them. They will be
// truncated when the replica follows (Kafka's OffsetsForLeaderEpoch / diverging-epoch
// truncation), so for acks=1 they are the acknowledged records that get lost. The old leader of
// acks1-leader-crash holds 17,430–17,450 of orders-0 from the election at 17.25 s until it
// comes back and truncates at 20.04 s.

import { StepSeries } from "./step-series.ts";

/** Per replica, the first orphaned offset from a time on (−1: none). */
export type OrphanStarts = Map<number, StepSeries<number>>;

/** Follows elections and truncations of one partition's replicas, in trace order. */
export class OrphanedTails {
  readonly starts: OrphanStarts = new Map();

  private of(broker: number): StepSeries<number> {
    let s = this.starts.get(broker);
    if (s === undefined) this.starts.set(broker, (s = new StepSeries(-1)));
    return s;
  }

  /**
   * `leader` became leader with log end `leo`: every other replica holding more (by what it
   * last reported) has an orphaned tail from `leo`, unless it already had one from earlier.
   */
  elected(timeUs: number, leader: number, leo: number, logEnds: ReadonlyMap<number, number>): void {
    for (const [broker, end] of logEnds) {
      if (broker === leader) {
        if (this.of(broker).last >= 0) this.of(broker).set(timeUs, -1);
      } else if (end > leo && this.of(broker).last < 0) this.of(broker).set(timeUs, leo);
    }
  }

  /** The replica's log end moved to `leo` by truncation or recovery: a tail cut back is gone. */
  cut(timeUs: number, broker: number, leo: number, truncated: boolean): void {
    const s = this.starts.get(broker);
    if (s !== undefined && s.last >= 0 && (truncated || leo <= s.last)) s.set(timeUs, -1);
  }
}
