// Every file in test/fixtures/bad-scenarios/ must fail to load with exactly the one-line
// error written in its first line (`# expect: LINE:COL: at PATH: MESSAGE`).
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../sim/scenario/errors.ts";
import { loadScenario, validateScenario } from "../../sim/scenario/loader.ts";

const dir = fileURLToPath(new URL("../fixtures/bad-scenarios/", import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();

function expected(text: string): string {
  const m = /^# expect: (.*)$/m.exec(text.split("\n")[0] ?? "");
  if (m === null) throw new Error("fixture lacks its '# expect:' first line");
  return m[1] ?? "";
}

describe("bad scenarios", () => {
  it("has the whole corpus", () => {
    expect(files.length).toBeGreaterThanOrEqual(52);
  });

  it.each(files)("%s", (file) => {
    const text = readFileSync(dir + file, "utf8");
    const result = validateScenario(text, file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.format()).toBe(`${file}:${expected(text)}`);
    expect(result.error.format()).not.toContain("\n");
  });
});

describe("ScenarioError", () => {
  it("carries file, line, column and path separately", () => {
    try {
      loadScenario("name: t\nduration: 30s\ncluster: { brokers: 0 }\ntopics: [{ name: a }]\n", "s.yaml");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      const e = error as ScenarioError;
      expect([e.file, e.line, e.column, e.path, e.message]).toEqual(["s.yaml", 3, 21, "cluster.brokers", "must be at least 1, got 0"]);
      expect(e.format()).toBe("s.yaml:3:21: at cluster.brokers: must be at least 1, got 0");
    }
  });

  it("reports a truly empty file", () => {
    const r = validateScenario("", "e.yaml");
    expect(r.ok ? "no error" : r.error.format()).toBe("e.yaml:1:1: the scenario is empty: it needs at least name, duration, cluster and topics");
  });
});
