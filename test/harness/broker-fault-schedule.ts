// Random broker fault schedules for the property tests (Jepsen style): crashes, stops, pauses
// and isolations of one broker at a time, each window ending (and the broker catching up)
// before the next begins, written as a scenario's `faults:` lines.

import fc from "fast-check";

export type FaultKind = "crash" | "stop" | "pause" | "isolate";

export interface PlannedFault {
  kind: FaultKind;
  broker: number;
  atS: number;
  forS: number;
}

/** Up to `maxFaults` non-overlapping fault windows from 3 s on. */
export function brokerFaultSchedule(opts: { maxFaults: number; maxGapS: number; maxForS: number }): fc.Arbitrary<PlannedFault[]> {
  return fc
    .array(
      fc.record({
        kind: fc.constantFrom<FaultKind>("crash", "stop", "pause", "isolate"),
        broker: fc.integer({ min: 1, max: 3 }),
        gapS: fc.integer({ min: 2, max: opts.maxGapS }),
        forS: fc.integer({ min: 1, max: opts.maxForS }),
      }),
      { minLength: 1, maxLength: opts.maxFaults },
    )
    .map((items) => {
      let t = 3;
      return items.map(({ kind, broker, gapS, forS }): PlannedFault => {
        const atS = t + gapS;
        t = atS + forS + 2; // the broker is back (and catching up) before the next fault
        return { kind, broker, atS, forS };
      });
    });
}

/** The fault as a `faults:` line; an isolation cuts the broker off from the other brokers and `others` (controller, clients). */
export function faultYaml(f: PlannedFault, others: readonly string[]): string {
  if (f.kind !== "isolate") return `  - { at: ${f.atS}s, ${f.kind}: ${f.broker}, for: ${f.forS}s }`;
  const rest = [...[1, 2, 3].filter((b) => b !== f.broker), ...others].join(", ");
  return `  - { at: ${f.atS}s, partition: [[${f.broker}], [${rest}]], for: ${f.forS}s }`;
}
