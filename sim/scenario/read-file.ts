// The one file of the loader that touches the file system (Node only): reading a
// scenario file, with an unreadable file reported like any other bad input.

import { readFileSync } from "node:fs";
import { ScenarioError } from "./errors.ts";
import { loadScenario } from "./loader.ts";
import type { Scenario } from "./types.ts";

export function loadScenarioFile(path: string, overrides: readonly string[] = []): Scenario {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ScenarioError(path, 1, 1, "", `cannot read the scenario file: ${reason(error)}`);
  }
  return loadScenario(text, path, overrides);
}

function reason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}
