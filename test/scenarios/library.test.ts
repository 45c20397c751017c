// Every scenario in scenarios/ runs twice: the same seed must give the same traceHash
// (determinism), and every `expect:` must hold (the lesson the file teaches). The first run
// checks invariants after every event (--check), the second does not: checking changes nothing. A third run
// without run-ahead (one event per record arrival) must tell the same history: run-ahead
// only saves events.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../sim/scenario/read-file.ts";
import { runScenario } from "../../sim/run/runner.ts";

const dir = join(import.meta.dirname, "../../scenarios");
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();

describe("scenario library", () => {
  it("has scenarios", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it.concurrent(`${file}: expectations hold and the traceHash repeats`, () => {
      const scenario = loadScenarioFile(join(dir, file));
      const first = runScenario(scenario, { check: true }).summary;
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
