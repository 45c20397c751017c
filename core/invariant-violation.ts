// A broken invariant: a state Kafka's own code treats as a bug (it throws
// IllegalStateException / IllegalArgumentException there). Core asserts these always, as
// TigerBeetle keeps its assertions on in production; `kafkasim run --check` adds the
// cross-node invariants of sim/check/invariants/. The runner adds scenario, seed and time.

export class InvariantViolation extends Error {
  override readonly name = "InvariantViolation";

  constructor(
    /** A short stable name: "hw-within-log", "one-leader-per-epoch", ... */
    readonly invariant: string,
    /** The state that broke it. */
    readonly detail: string,
  ) {
    super(`${invariant}: ${detail}`);
  }
}

/** Throws InvariantViolation unless `ok`; `detail` is built only on failure. */
export function invariant(ok: boolean, name: string, detail: () => string): asserts ok {
  if (!ok) throw new InvariantViolation(name, detail());
}
