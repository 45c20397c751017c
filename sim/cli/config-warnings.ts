// Kafka keys a scenario set that the simulator accepts but does not model: one warning line
// each on stderr (file:line:col: at <path>: accepted, not modelled: ...), and with
// --strict-config an error (exit 2) once they are all printed.

import type { Scenario } from "../scenario/index.ts";
import { formatWarning } from "../scenario/scenario-warning.ts";

export class StrictConfigError extends Error {}

export function reportNotModelled(scenario: Scenario, strict: boolean | undefined): Scenario {
  for (const w of scenario.notModelled) process.stderr.write(formatWarning(w) + "\n");
  const n = scenario.notModelled.length;
  if (strict === true && n > 0) throw new StrictConfigError(`--strict-config: ${n} key${n === 1 ? " is" : "s are"} accepted but not modelled (listed above)`);
  return scenario;
}
