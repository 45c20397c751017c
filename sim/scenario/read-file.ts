// The one file of the loader that touches the file system (Node only): reading a
// scenario file, with an unreadable file reported like any other bad input.

import { readFileSync, statSync } from "node:fs";
import { ScenarioError } from "./errors.ts";
import { loadScenario } from "./loader.ts";
import type { Scenario } from "./types.ts";

/** A scenario is a page or two of YAML; the cap keeps a wrong path (a log, a disk image) from filling memory. */
export const MAX_SCENARIO_FILE_BYTES = 4 * 1024 * 1024;

export function loadScenarioFile(path: string, overrides: readonly string[] = []): Scenario {
  return loadScenario(readScenarioText(path), path, overrides);
}

/**
 * The file's text, read only when it is a regular file within the cap: a FIFO would block
 * forever and a device (/dev/zero) would grow without end.
 */
export function readScenarioText(path: string): string {
  const unreadable = (why: string): ScenarioError => new ScenarioError(path, 1, 1, "", `cannot read the scenario file: ${why}`);
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw unreadable("it is a directory");
    if (!stat.isFile()) throw unreadable("it is not a regular file (a FIFO, a device or a socket)");
    size = stat.size;
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    throw unreadable(whyUnreadable(error));
  }
  if (size > MAX_SCENARIO_FILE_BYTES) throw unreadable(`it is ${size.toLocaleString("en-US")} bytes, and a scenario file may be at most 4 MiB`);
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw unreadable(whyUnreadable(error));
  }
}

/** Why a file could not be read, in a few words for a one-line message. */
export function whyUnreadable(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}
