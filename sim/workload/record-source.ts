// The application behind a producer: records due as a Poisson process whose rate follows the
// scenario's piecewise-constant schedule, until `duration` (or maxRecords). Keys, value sizes
// and tombstones are drawn from the producer's own stream, so one producer's draws never
// shift another's.

import type { Rng } from "../../core/env.ts";
import { murmur2, utf8Bytes } from "../../core/partitioner/index.ts";
import type { AppRecord, RecordSource } from "../../core/producer/workload.ts";
import type { KeyNames } from "../../core/protocol/records.ts";
import type { ProducerSpec } from "../scenario/types.ts";
import { keyGenerator, type KeyGenerator } from "./key-generator.ts";
import { sample } from "./sample.ts";

/** Hands out run-unique record ids; shared by every producer of a run. */
export class RecordIds {
  private next = 0;
  take(): number {
    return this.next++;
  }
  get issued(): number {
    return this.next;
  }
}

export class ScheduledRecordSource implements RecordSource {
  private dueUs: number | null;
  private produced = 0;
  private readonly keys: KeyGenerator;
  /** murmur2 of each key id's bytes, NaN until first needed. */
  private readonly keyHashes: Float64Array;
  /** Set to stop early (the run's end, or a stopped producer). */
  stopAtUs: number;

  constructor(
    private readonly spec: ProducerSpec,
    private readonly rng: Rng,
    private readonly ids: RecordIds,
    endUs: number,
  ) {
    this.keys = keyGenerator(spec.keys, rng.fork("keys"));
    this.keyHashes = new Float64Array(this.keys.idCount).fill(Number.NaN);
    this.stopAtUs = endUs;
    this.record = { rid: -1, key: null, keyId: -1, keyHash: null, valueBytes: null, partition: spec.partition };
    this.dueUs = this.arrivalAfter(0);
  }

  nextDueUs(): number | null {
    if (this.dueUs === null || this.dueUs >= this.stopAtUs) return null;
    if (this.spec.maxRecords !== null && this.produced >= this.spec.maxRecords) return null;
    return this.dueUs;
  }

  get keyNames(): KeyNames {
    return this.keys;
  }

  /** Key id (KeyGenerator) of the record last taken; -1 without a key. */
  lastKeyId = -1;

  /** The key generator's id space, for per-key tables indexed by `lastKeyId`. */
  get keyIds(): Pick<KeyGenerator, "name" | "idCount"> {
    return this.keys;
  }

  take(): AppRecord {
    const at = this.dueUs!;
    this.produced++;
    this.dueUs = this.arrivalAfter(at);
    const tombstone = this.spec.tombstones > 0 && this.rng.next() < this.spec.tombstones;
    const keyId = this.keys.next();
    this.lastKeyId = keyId;
    const r = this.record;
    r.rid = this.ids.take();
    r.key = keyId < 0 ? null : this.keys.name(keyId);
    r.keyId = keyId;
    r.keyHash = keyId < 0 ? null : this.keyHash(keyId);
    r.valueBytes = tombstone ? null : Math.max(0, Math.round(sample(this.spec.valueSizeBytes, this.rng)));
    return r;
  }

  /** The one record object take() fills (RecordSource: valid until the next take). */
  private readonly record: { -readonly [K in keyof AppRecord]: AppRecord[K] };

  private keyHash(id: number): number {
    let h = this.keyHashes[id]!;
    if (Number.isNaN(h)) {
      h = murmur2(utf8Bytes(this.keys.name(id)));
      this.keyHashes[id] = h;
    }
    return h;
  }

  /** Next arrival of a Poisson process with a piecewise-constant rate, or null if it never comes. */
  private arrivalAfter(tUs: number): number | null {
    const steps = this.spec.rate;
    let remaining = -Math.log(1 - this.rng.next());
    let t = tUs;
    for (;;) {
      if (t >= this.stopAtUs) return null;
      let i = steps.length - 1;
      while (i > 0 && steps[i]!.atUs > t) i--;
      const step = steps[i]!;
      const rate = step.atUs <= t ? step.perSec / 1e6 : 0;
      const segEnd = Math.min(steps[i + 1]?.atUs ?? Infinity, this.stopAtUs);
      if (rate <= 0) {
        if (segEnd === Infinity) return null;
        t = segEnd;
        continue;
      }
      const dt = remaining / rate;
      if (t + dt <= segEnd) return Math.max(Math.round(t + dt), tUs);
      remaining -= (segEnd - t) * rate;
      t = segEnd;
    }
  }
}
