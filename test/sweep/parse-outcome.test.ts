// Reading `sweep --json` lines back (`sweep --merge`): results and failed seeds, and why any
// other line is not one.
import { describe, expect, it } from "vitest";
import { parseOutcome } from "../../sim/sweep/parse-outcome.ts";

const RESULT = { seed: 7, traceHash: "00ff", events: 10, attempted: 2, acknowledged: 2, failed: 0, acknowledgedLost: 0, duplicates: 0, outOfOrder: 0, divergentReplicas: 0, p99Ms: 1.5, maxMs: 2, maxLag: 0, rebalances: 0, expectationsOk: true };
const line = (o: unknown): string => JSON.stringify(o);

describe("parseOutcome", () => {
  it("reads a result line and a failed seed's line", () => {
    expect(parseOutcome(line(RESULT))).toEqual({ outcome: RESULT });
    expect(parseOutcome('{"seed":3,"error":"event limit of 10 reached"}')).toEqual({ outcome: { seed: 3, error: "event limit of 10 reached" } });
  });

  it.for<[string, string]>([
    ["name: cli-small", "not JSON"],
    ['{"seed":7,"traceHash":"00', "not JSON"],
    ["[1,2]", "JSON array, not an object"],
    ["42", "JSON number, not an object"],
    ["null", "JSON null, not an object"],
    ['{"seed":1}', 'field "traceHash" is missing or not a string'],
    [line({ ...RESULT, seed: -1 }), 'field "seed" is missing or not a whole number from 0 to 9007199254740991'],
    [line({ ...RESULT, seed: 1.5 }), 'field "seed" is missing or not a whole number from 0 to 9007199254740991'],
    [line({ ...RESULT, events: "10" }), 'field "events" is missing or not a number'],
    [line(RESULT).replace('"p99Ms":1.5', '"p99Ms":1e999'), 'field "p99Ms" is missing or not a number'],
    [line({ ...RESULT, expectationsOk: 1 }), 'field "expectationsOk" is missing or not a boolean'],
    ['{"seed":3,"error":{"message":"x"}}', 'field "error" is not a string'],
  ])("%s: %s", ([text, reason]) => {
    expect(parseOutcome(text)).toEqual({ reason });
  });
});
