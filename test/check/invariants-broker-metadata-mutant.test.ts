// The broker-metadata-prefix invariant's seeded mutants (sim/check/invariants/
// broker-metadata-prefix.ts): a Raft leader that serves brokers its uncommitted tail (Kafka's
// leader serves observers only records below the high watermark), and one that hands a fetch
// its records in reverse, so a broker replays a later record before the ones before it.
// vi.mock swaps the module for this file only; `mutant` picks the fault.

import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import type { MetadataFetchRequest } from "../../core/protocol/messages.ts";
import { loadScenario } from "../../sim/scenario/loader.ts";
import { runScenario } from "../../sim/run/runner.ts";
import { failureOf } from "./failure-of.ts";

const mutant = vi.hoisted(() => ({ kind: "none" as "none" | "uncommitted" | "reversed" }));

vi.mock(import("../../core/raft/raft-fetch-server.ts"), async (importOriginal) => {
  const real = await importOriginal();
  interface Internals {
    env: { send(to: string, msg: unknown): void };
    host: { log: { entries: readonly { record: { offset: number } }[]; endOffset: number }; highWatermark: number };
  }
  class MutantFetchServer extends real.RaftFetchServer {}
  const proto = MutantFetchServer.prototype as unknown as { serveObserver(this: Internals, from: string, req: MetadataFetchRequest): void };
  proto.serveObserver = function (from, req) {
    const { log, highWatermark } = this.host;
    const end = mutant.kind === "uncommitted" ? log.endOffset : highWatermark;
    const records = log.entries.slice(req.fetchOffset, Math.max(req.fetchOffset, end)).map((e) => e.record);
    if (mutant.kind === "reversed") records.reverse();
    this.env.send(from, { kind: "MetadataFetchResponse", correlationId: req.correlationId, records, highWatermark: Math.max(highWatermark, 0) });
  };
  return { ...real, RaftFetchServer: MutantFetchServer };
});

const FILE = "scenarios/controller-quorum-failover.yaml";
const run = (): unknown => runScenario(loadScenario(readFileSync(FILE, "utf8"), FILE), { check: true });

describe("brokers replay a prefix of the committed metadata log (--check, cluster.controllers: 3)", () => {
  it("holds when the leader serves committed records in order (the mutant's own serving, unchanged)", () => {
    mutant.kind = "none";
    expect(() => run()).not.toThrow();
  });

  it("catches a leader serving a broker records above its high watermark", () => {
    mutant.kind = "uncommitted";
    const failure = failureOf(run);
    expect(failure.violation.invariant).toBe("broker-metadata-uncommitted");
    expect(failure.violation.detail).toMatch(/^broker \d: replayed the record at offset \d+ \(\w+\), which the quorum has not committed$/);
  });

  it("catches a broker replaying a fetch's records out of order", () => {
    mutant.kind = "reversed";
    const failure = failureOf(run);
    expect(failure.violation.invariant).toBe("broker-metadata-order");
    expect(failure.violation.detail).toMatch(/^broker \d: replayed the record at offset \d+ \(\w+\) when the next was \d+$/);
  });
});
