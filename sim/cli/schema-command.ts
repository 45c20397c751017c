// `kafkasim schema [--out FILE]`: the JSON Schema of the scenario format
// (sim/scenario/json-schema.ts), for editors and other tools. scenarios/kafkasim.schema.json
// is its output, checked in so that a scenario's `# yaml-language-server: $schema=` line
// finds it without running anything.

import { writeFileSync } from "node:fs";
import { scenarioJsonSchema } from "../scenario/json-schema.ts";

export class SchemaUsageError extends Error {}

/** The schema as the command prints it: 2-space JSON and a final newline. */
export function schemaText(): string {
  return JSON.stringify(scenarioJsonSchema(), null, 2) + "\n";
}

export function schemaCommand(opts: { out?: string }): number {
  const text = schemaText();
  if (opts.out === undefined) {
    process.stdout.write(text);
    return 0;
  }
  try {
    writeFileSync(opts.out, text);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new SchemaUsageError(`--out ${opts.out}: cannot write the file${code === "ENOENT" ? " (no such directory)" : code === "EACCES" ? " (permission denied)" : code === "EISDIR" ? " (it is a directory)" : ""}`);
  }
  return 0;
}
