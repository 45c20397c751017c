// The one file of the loader that touches the file system (Node only): reading a
// scenario file, with an unreadable file reported like any other bad input.

import { readFileSync, statSync } from "node:fs";
import { ScenarioError } from "./errors.ts";
import { loadScenario } from "./loader.ts";
import { defaultRunLimits, limitHint, type RunLimits } from "./run-limits.ts";
import type { Scenario } from "./types.ts";

/** A scenario is a page or two of YAML; the cap keeps a wrong path (a log, a disk image) from filling memory. */
export const MAX_SCENARIO_FILE_BYTES = defaultRunLimits()["file-size"];

export function loadScenarioFile(path: string, overrides: readonly string[] = [], limits: RunLimits = defaultRunLimits()): Scenario {
  return loadScenario(readScenarioText(path, limits["file-size"]), path, overrides, limits);
}

/**
 * The file's text, read only when it is a regular file within the cap: a FIFO would block
 * forever and a device (/dev/zero) would grow without end.
 */
export function readScenarioText(path: string, maxBytes = MAX_SCENARIO_FILE_BYTES): string {
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
  if (size > maxBytes) throw unreadable(`it is ${size.toLocaleString("en-US")} bytes, more than a scenario file may hold ${limitHint("file-size", maxBytes)}`);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw unreadable(whyUnreadable(error));
  }
  return decodeUtf8(bytes, path);
}

/** The text of a UTF-8 file (a byte-order mark is dropped); UTF-16 and invalid bytes are one line that says what to do. */
export function decodeUtf8(bytes: Uint8Array, path: string): string {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16) throw new ScenarioError(path, 1, 1, "", "the file is UTF-16 text: save it as UTF-8");
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, at).reduce((n, b) => (b === 0x0a ? n + 1 : n), 1);
    throw new ScenarioError(path, line, 1, "", `the file is not UTF-8 text (byte ${at} is not valid UTF-8): save it as UTF-8`);
  }
}

/** Offset of the first byte that does not decode as UTF-8 (found by halving: the decoder says only whether). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const valid = (n: number): boolean => {
    try {
      // Streaming: a sequence cut at the end of the prefix is not an error yet.
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (valid(mid)) lo = mid;
    else hi = mid - 1;
  }
  // The valid prefix may end inside a sequence that the next byte breaks: name its lead byte.
  let start = lo;
  while (start > 0 && lo - start < 3 && (bytes[start - 1]! & 0xc0) === 0x80) start--;
  return start > 0 && bytes[start - 1]! >= 0xc0 ? start - 1 : lo;
}

/** Why a file could not be read, in a few words for a one-line message. */
export function whyUnreadable(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}
