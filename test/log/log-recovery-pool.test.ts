// recoveryMakespanUs (core/broker/log-recovery-pool.ts): LogManager.loadLogs' pool of
// num.recovery.threads.per.data.dir threads, one job per log, each to the first free thread;
// a job waits for its own re-read, then costs RECOVERY_CPU_US_PER_BYTE per byte.
import { describe, expect, it } from "vitest";
import { RECOVERY_CPU_US_PER_BYTE, recoveryMakespanUs } from "../../core/broker/log-recovery-pool.ts";

const MB = 1_000_000;
const cpu = (bytes: number) => Math.ceil(bytes * RECOVERY_CPU_US_PER_BYTE);

describe("recoveryMakespanUs", () => {
  it.each([
    { jobs: [], threads: 2, us: 0, case: "nothing to recover (a clean shutdown's logs)" },
    { jobs: [{ readUs: 0, bytes: 0 }, { readUs: 0, bytes: 0 }], threads: 1, us: 0, case: "logs with nothing past their recovery point cost nothing" },
    { jobs: [{ readUs: 0, bytes: 4 * MB }, { readUs: 0, bytes: 4 * MB }], threads: 1, us: 2 * cpu(4 * MB), case: "one thread: the logs one after another" },
    { jobs: [{ readUs: 0, bytes: 4 * MB }, { readUs: 0, bytes: 4 * MB }], threads: 2, us: cpu(4 * MB), case: "two threads (Kafka 4.x's default): side by side" },
    { jobs: [{ readUs: 0, bytes: 6 * MB }, { readUs: 0, bytes: 2 * MB }, { readUs: 0, bytes: 2 * MB }], threads: 2, us: cpu(6 * MB), case: "the next job goes to the first thread to come free" },
    { jobs: [{ readUs: 30_000, bytes: 1 * MB }], threads: 2, us: 30_000 + cpu(1 * MB), case: "a job waits for its re-read from the device (after a power loss)" },
    { jobs: [{ readUs: 0, bytes: 1 * MB }], threads: 0, us: cpu(1 * MB), case: "at least one thread" },
  ])("$case", ({ jobs, threads, us }) => {
    expect(recoveryMakespanUs(jobs, threads)).toBe(us);
  });
});
