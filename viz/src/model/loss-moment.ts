// The loss: when the run's first acknowledged-but-lost record became lost, the moment
// predict-then-reveal waits for. A record acknowledged at offset o of a partition is lost once
// that partition gets a leader whose log ends at or below o (BecameLeader with leo <= o): from
// then on the leader overwrites o, and any replica still holding the record truncates it when
// it follows. The moment is the controller's election of that leader (PartitionChanged of its
// epoch, when that came after the acknowledgement; else the BecameLeader itself: a leader
// that comes back as leader, same epoch, with a shorter log). An acks=0 record has no
// offset: the first new leader after it counts. Without such a leader (the record never left
// the producer's socket, say), the first fault after the acknowledgement, else the
// acknowledgement itself. Only the records the summary lists (the first 100) are looked at.

import type { LostRecord } from "../../../sim/check/durability.ts";
import type { TraceStore } from "../trace-store.ts";

interface Leadership {
  readonly timeUs: number;
  readonly leader: number;
  readonly leaderEpoch: number;
}

interface PartitionHistory {
  /** The controller's elections: the first PartitionChanged of each (leader, epoch), in time order. */
  readonly elections: Leadership[];
  /** Each BecameLeader, with the new leader's log end offset. */
  readonly leaders: (Leadership & { readonly leo: number })[];
}

/** The loss moment in µs, or null when the run lost no acknowledged record. */
export function lossMomentUs(trace: TraceStore, lost: readonly LostRecord[]): number | null {
  if (lost.length === 0) return null;
  const wanted = new Set(lost.map((l) => `${l.topic}-${l.partition}`));
  const { histories, faults } = readHistories(trace, wanted);
  let first = Infinity;
  for (const record of lost) first = Math.min(first, recordLossUs(record, histories.get(`${record.topic}-${record.partition}`), faults));
  return first;
}

function recordLossUs(record: LostRecord, h: PartitionHistory | undefined, faults: readonly number[]): number {
  const ackedUs = record.ackedMs * 1000;
  const epochAtAck = h === undefined ? -1 : epochAt(h, ackedUs);
  const lacking = h?.leaders.find((l) => l.timeUs >= ackedUs && (record.ackOffset >= 0 ? l.leo <= record.ackOffset : l.leaderEpoch > epochAtAck));
  if (h !== undefined && lacking !== undefined) {
    const election = h.elections.find((e) => e.leader === lacking.leader && e.leaderEpoch === lacking.leaderEpoch);
    return election !== undefined && election.timeUs >= ackedUs && election.timeUs <= lacking.timeUs ? election.timeUs : lacking.timeUs;
  }
  return faults.find((t) => t >= ackedUs) ?? ackedUs;
}

function epochAt(h: PartitionHistory, us: number): number {
  let epoch = -1;
  for (const e of h.elections) if (e.timeUs <= us) epoch = e.leaderEpoch;
  return epoch;
}

/** One pass over the trace: elections and new leaders of the partitions asked for, and fault times. */
function readHistories(trace: TraceStore, wanted: ReadonlySet<string>): { histories: Map<string, PartitionHistory>; faults: number[] } {
  const histories = new Map<string, PartitionHistory>();
  const faults: number[] = [];
  const historyOf = (key: string): PartitionHistory => {
    let h = histories.get(key);
    if (h === undefined) histories.set(key, (h = { elections: [], leaders: [] }));
    return h;
  };
  for (let i = 0; i < trace.size; i++) {
    const e = trace.event(i);
    if (e.kind === "Fault") faults.push(trace.time(i));
    if (e.kind !== "PartitionChanged" && e.kind !== "BecameLeader") continue;
    const key = `${e.topic}-${e.partition}`;
    if (!wanted.has(key)) continue;
    const h = historyOf(key);
    if (e.kind === "BecameLeader") {
      h.leaders.push({ timeUs: trace.time(i), leader: Number(trace.node(i).replace(/^broker-/, "")), leaderEpoch: e.leaderEpoch, leo: e.leo });
      continue;
    }
    const last = h.elections[h.elections.length - 1];
    if (e.leader >= 0 && (last === undefined || last.leader !== e.leader || last.leaderEpoch !== e.leaderEpoch)) h.elections.push({ timeUs: trace.time(i), leader: e.leader, leaderEpoch: e.leaderEpoch });
  }
  return { histories, faults };
}
