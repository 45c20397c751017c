// Log recovery after an unclean shutdown (LogManager.loadLogs from BrokerMetadataPublisher's
// first publish): a broker back from a power loss re-reads what its page cache lost before it
// leads or follows anything, and a clean stop's marker lets the next start skip the re-read.
import { describe, expect, it } from "vitest";
import { runScenario } from "../../sim/run/runner.ts";
import { loadScenarioFile } from "../../sim/scenario/read-file.ts";
import type { TraceRecord } from "../../sim/trace/trace.ts";
import { RECOVERY_CPU_US_PER_BYTE } from "../../core/broker/log-recovery-pool.ts";

const file = (name: string) => new URL(`../../scenarios/${name}.yaml`, import.meta.url).pathname;

function traceOf(name: string, overrides: string[] = []): TraceRecord[] {
  const records: TraceRecord[] = [];
  runScenario(loadScenarioFile(file(name), overrides), { onTrace: (r) => void records.push(r) });
  return records;
}

describe("log recovery on restart", () => {
  it("after a power loss: the disk re-read comes first, and no leadership or followership before it ends", () => {
    const trace = traceOf("power-loss-flush-schedule");
    for (const broker of ["broker-1", "broker-2", "broker-3"]) {
      const own = trace.filter((r) => r.node === broker);
      const restart = own.findIndex((r) => r.event.kind === "NodeStarted" && r.event.incarnation === 2);
      const done = own.findIndex((r, i) => i > restart && r.event.kind === "LogRecoveryFinished");
      expect(restart).toBeGreaterThanOrEqual(0);
      expect(done).toBeGreaterThan(restart);
      const finished = own[done]!.event as { bytes: number; ms: number };
      expect(finished.bytes).toBeGreaterThan(1_000_000);
      expect(finished.ms).toBeGreaterThan(1); // read from the device: the page cache is gone
      const early = own.slice(restart, done).filter((r) => r.event.kind === "BecameLeader" || r.event.kind === "BecameFollower");
      expect(early).toEqual([]);
    }
  });

  it("after a kill -9: the re-read is served by the page cache, and validating it costs CPU on num.recovery.threads.per.data.dir threads (LogManager.loadLogs)", () => {
    const finished = (threads: number) => traceOf("acks1-leader-crash", [`cluster.config.num.recovery.threads.per.data.dir=${threads}`]).find((r) => r.node === "broker-1" && r.event.kind === "LogRecoveryFinished")!.event as { bytes: number; ms: number };
    const two = finished(2); // Kafka 4.x's default
    const one = finished(1);
    expect(two.bytes).toBeGreaterThan(10_000_000);
    // No device time: about 1 µs of CPU per KB, spread over the threads (six logs, near-equal).
    expect(one.ms).toBeCloseTo((one.bytes * RECOVERY_CPU_US_PER_BYTE) / 1000, 0);
    expect(two.ms).toBeLessThan(one.ms * 0.6);
    expect(two.ms).toBeGreaterThanOrEqual(one.ms / 2);
  });

  it("after a clean stop: no recovery at all", () => {
    const trace = traceOf("rolling-restart");
    expect(trace.filter((r) => r.node === "broker-1" && r.event.kind === "NodeStarted")).toHaveLength(2);
    expect(trace.some((r) => r.event.kind === "LogRecoveryFinished")).toBe(false);
  });
});
