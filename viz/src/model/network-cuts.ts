// The network partitions of a run, as spans of time: each `partition` fault cuts every link
// between its groups until its own heal (`for:`), a `heal` of every cut, or the end of the
// run's duration (HealAll). The trace's heal of one cut names only how many links it restored,
// so a timed cut ends at its fault's time plus its `for:`, which is when that heal fires.

export interface NetworkCut {
  readonly fromUs: number;
  readonly toUs: number;
  /** Each group's node names (a node in no group stays connected to all). */
  readonly groups: readonly (readonly string[])[];
  /** Only the first group's outgoing links are cut (oneWay). */
  readonly oneWay: boolean;
}

interface Open {
  readonly fromUs: number;
  toUs: number;
  readonly groups: readonly (readonly string[])[];
  readonly oneWay: boolean;
}

export class NetworkCuts {
  private readonly cuts: Open[] = [];

  partition(timeUs: number, groups: readonly string[], oneWay: boolean, forMs: number): void {
    const toUs = forMs >= 0 ? timeUs + forMs * 1000 : Number.POSITIVE_INFINITY;
    this.cuts.push({ fromUs: timeUs, toUs, groups: groups.map((g) => g.split(",").filter((n) => n !== "")), oneWay });
  }

  /** Every cut still open at `timeUs` ends there. */
  healAll(timeUs: number): void {
    for (const c of this.cuts) if (c.toUs > timeUs) c.toUs = timeUs;
  }

  finish(endUs: number): NetworkCut[] {
    return this.cuts.map((c) => ({ ...c, toUs: Math.min(c.toUs, endUs) }));
  }
}

/** The cuts in force at t. */
export const cutsAt = (cuts: readonly NetworkCut[], timeUs: number): NetworkCut[] => cuts.filter((c) => c.fromUs <= timeUs && timeUs < c.toUs);
