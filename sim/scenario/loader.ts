// Scenario text → a validated, normalized Scenario. Works on text only (no file system),
// so the browser uses it as is; read-file.ts adds the file for Node.

import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { MAX_EXPANDED_VALUES, MAX_NESTING, structureProblem, type StructureProblem } from "./alias-expansion.ts";
import { ScenarioError } from "./errors.ts";
import { Source, type SetOrigins } from "./node-reader.ts";
import { defaultRunLimits, type RunLimits } from "./run-limits.ts";
import { readScenario } from "./schema.ts";
import { applyOverrides } from "./set-override.ts";
import type { Scenario } from "./types.ts";

export type Validation = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly error: ScenarioError };

/**
 * Parses and validates a scenario. `overrides` are `--set key.path=value` strings,
 * applied in order before validation. Throws ScenarioError (one line via `.format()`).
 */
export function loadScenario(text: string, fileName: string, overrides: readonly string[] = [], limits: RunLimits = defaultRunLimits()): Scenario {
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    const line = text.slice(0, nul).split("\n").length;
    throw new ScenarioError(fileName, line, 1, "", "the file holds NUL characters, so it is not UTF-8 text (saved as UTF-16?): save it as UTF-8");
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax !== undefined) {
    const pos = lineCounter.linePos(syntax.pos[0]);
    throw new ScenarioError(fileName, pos.line, pos.col, pathAt(doc, syntax.pos[0]), yamlMessage(syntax.code, syntax.message));
  }
  const structure = structureProblem(doc);
  if (structure !== null) {
    const at = structure.node.range?.[0] ?? 0;
    const pos = lineCounter.linePos(at);
    throw new ScenarioError(fileName, pos.line, pos.col, pathAt(doc, at), structureMessage(structure));
  }
  const origins: SetOrigins = new WeakMap();
  applyOverrides(doc, overrides, origins);
  return readScenario(new Source(fileName, lineCounter, doc, origins, limits));
}

/** loadScenario without throwing for bad input (other exceptions are bugs and still throw). */
export function validateScenario(text: string, fileName: string, overrides: readonly string[] = [], limits: RunLimits = defaultRunLimits()): Validation {
  try {
    return { ok: true, scenario: loadScenario(text, fileName, overrides, limits) };
  } catch (error) {
    if (error instanceof ScenarioError) return { ok: false, error };
    throw error;
  }
}

function structureMessage(problem: StructureProblem): string {
  switch (problem.kind) {
    case "cycle":
      return `the alias *${problem.source ?? ""} refers to a value that contains the alias itself`;
    case "bomb":
      return `YAML aliases expand this value to more than ${MAX_EXPANDED_VALUES.toLocaleString("en-US")} values (an alias bomb?)`;
    case "deep":
      return `maps and lists nest more than ${MAX_NESTING} levels deep here; a scenario needs a few`;
  }
}

function yamlMessage(code: string, message: string): string {
  switch (code) {
    case "TAB_AS_INDENT":
      return "tabs are not allowed for indentation in YAML; indent with spaces";
    case "DUPLICATE_KEY":
      return "this key appears twice in the same map";
    case "RESOURCE_EXHAUSTION":
      return `maps and lists nest too deeply to read (more than ${MAX_NESTING} levels); a scenario needs a few`;
    case "MULTIPLE_DOCS":
      return "a scenario file holds one YAML document, and a second one starts here (after ---)";
    default:
      return `YAML syntax error: ${message}`;
  }
}

/** The key path of the deepest node around `offset`, best effort, for syntax errors. */
function pathAt(doc: Document, offset: number): string {
  const path: (string | number)[] = [];
  let node = doc.contents as Node | null;
  while (node !== null) {
    let next: Node | null = null;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const value = pair.value as Node | null;
        const start = key?.range?.[0] ?? Number.POSITIVE_INFINITY;
        const end = value?.range?.[2] ?? key?.range?.[2] ?? start;
        if (offset >= start && offset < end && isScalar(key)) {
          // In a broken file a "key" can be a paragraph of text: its start is enough.
          const name = String(key.value);
          path.push(name.length > 40 ? `${name.slice(0, 37)}...` : name);
          next = value;
          break;
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const range = (item as Node | null)?.range;
        if (next === null && range != null && offset >= range[0] && offset < range[2]) {
          path.push(i);
          next = item as Node;
        }
      });
    }
    node = next;
  }
  // A path hundreds of levels deep would be the whole line; the start says where.
  return path.length > 12 ? `${path.slice(0, 12).join(".")}… (${path.length} levels)` : path.join(".");
}
