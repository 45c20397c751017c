// The human summary's broker lines: shown only for a broker with something to explain (reads
// from disk, appends blocked by the dirty limit, TLS), with the figures of summary.brokers.
import { describe, expect, it } from "vitest";
import { formatSummary } from "../../sim/cli/format-summary.ts";
import { runScenario } from "../../sim/run/runner.ts";
import { loadScenarioFile } from "../../sim/scenario/read-file.ts";

const summary = runScenario(loadScenarioFile("test/fixtures/cli/small.yaml")).summary;

describe("formatSummary broker lines", () => {
  it("every broker is in summary.brokers; a plaintext run from the page cache explains nothing", () => {
    expect(Object.keys(summary.brokers)).toEqual(["1", "2", "3"]);
    expect(summary.brokers["1"]).toMatchObject({ diskReadBytes: 0, appendsThrottled: 0, networkDiskWaitMs: 0, networkTlsMs: 0, networkBusy: 0 });
    expect(summary.brokers["1"]!.diskWrittenBytes).toBeGreaterThan(0);
    expect(formatSummary(summary, false)).not.toContain("broker 1");
  });

  it("prints cold reads, throttled appends and network-thread time for a broker that had them", () => {
    const busy = structuredClone(summary);
    busy.brokers["2"] = { diskReadBytes: 3 * 2 ** 20, diskWrittenBytes: 10 * 2 ** 20, appendsThrottled: 4, appendThrottledMs: 12.5, networkDiskWaitMs: 1_500, networkTlsMs: 0, networkBusy: 0.0123 };
    const text = formatSummary(busy, false);
    expect(text).toContain("broker 2     disk read 3 MiB, written 10 MiB, 4 appends throttled (12.5 ms); network threads 1.2% busy (sendfile from disk 1,500 ms, TLS 0 ms)");
    expect(text).not.toContain("broker 1");
  });
});
