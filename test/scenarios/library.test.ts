// Every scenario in scenarios/ runs twice: the same seed must give the same traceHash
// (determinism), and every `expect:` must hold (the lesson the file teaches). The first run
// checks invariants after every event (--check), the second does not: checking changes nothing.
// The first run is also compared with its golden file (test/golden/scenarios/): any drift in
// any summary field, in the trace's event counts or in its key events fails. A third run
// without run-ahead (one event per record arrival) must tell the same history: run-ahead
// only saves events.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../sim/scenario/read-file.ts";
import { runScenario } from "../../sim/run/runner.ts";
import { expectGolden, GOLDEN_DIR, GoldenRecorder, UPDATING } from "../golden/golden-file.ts";

const dir = join(import.meta.dirname, "../../scenarios");
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();

describe("scenario library", () => {
  it("has scenarios, each with a golden file, and no golden file without its scenario", () => {
    expect(files.length).toBeGreaterThan(0);
    if (UPDATING) return;
    const goldens = readdirSync(GOLDEN_DIR).filter((f) => f.endsWith(".json")).sort();
    expect(goldens.map((f) => f.replace(/\.json$/, ""))).toEqual(files.map((f) => f.replace(/\.yaml$/, "")));
  });

  for (const file of files) {
    it.concurrent(`${file}: expectations hold and the traceHash repeats`, () => {
      const scenario = loadScenarioFile(join(dir, file));
      const recorder = new GoldenRecorder();
      const first = runScenario(scenario, { check: true, onTrace: recorder.onTrace }).summary;
      expectGolden(file.replace(/\.yaml$/, ""), recorder.golden(first));
      const second = runScenario(scenario).summary;
      expect(second).toEqual(first);
      const plain = runScenario(scenario, { runAhead: false }).summary;
      expect({ ...plain, events: 0 }).toEqual({ ...first, events: 0 });
      expect(plain.events).toBeGreaterThanOrEqual(first.events);
      expect(first.expectations.length).toBeGreaterThan(0);
      for (const e of first.expectations) expect(e, `${e.name} ${e.expected}`).toMatchObject({ ok: true });
    });
  }
});
