// `kafkasim schema [--out FILE]`: the JSON Schema of the scenario format
// (sim/scenario/json-schema.ts), for editors and other tools. scenarios/kafkasim.schema.json
// is its output, checked in so that a scenario's `# yaml-language-server: $schema=` line
// finds it without running anything.

import { OutputFile } from "./atomic-file.ts";
import { scenarioJsonSchema } from "../scenario/json-schema.ts";

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
  const out = OutputFile.open("--out", opts.out);
  try {
    out.write(text);
    out.commit();
  } finally {
    out.discard();
  }
  return 0;
}
