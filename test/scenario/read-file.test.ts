// loadScenarioFile: the Node-only entry point; an unreadable file is bad input too.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../sim/scenario/errors.ts";
import { loadScenarioFile } from "../../sim/scenario/read-file.ts";

describe("loadScenarioFile", () => {
  it("loads a file", () => {
    const path = fileURLToPath(new URL("./fixtures/design-example.yaml", import.meta.url));
    expect(loadScenarioFile(path, ["seed=9"]).seed).toBe(9);
  });

  it.each([
    ["a missing file", (dir: string) => join(dir, "nope.yaml"), "cannot read the scenario file: no such file"],
    ["a directory", (dir: string) => dir, "cannot read the scenario file: it is a directory"],
  ])("turns %s into a ScenarioError", (_what, pathOf, detail) => {
    const path = pathOf(mkdtempSync(join(tmpdir(), "kafkasim-")));
    try {
      loadScenarioFile(path);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      expect((error as ScenarioError).format()).toBe(`${path}:1:1: ${detail}`);
    }
  });

  it("names the file in schema errors", () => {
    const path = join(mkdtempSync(join(tmpdir(), "kafkasim-")), "s.yaml");
    writeFileSync(path, "name: t\nduration: 30s\n");
    try {
      loadScenarioFile(path);
      expect.unreachable();
    } catch (error) {
      expect((error as ScenarioError).format()).toBe(`${path}:1:1: at cluster: required key is missing`);
    }
  });
});
