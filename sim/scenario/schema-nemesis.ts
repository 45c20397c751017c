// `nemesis:` faults drawn from the seed, Jepsen style, for sweeps that hunt for losses:
// crashes, clean stops, power losses, pauses, isolations and slow disks at given mean
// intervals, never more than `maxDown` brokers affected at once.
//
//   nemesis:
//     from: 5s                 # first possible fault (default 0)
//     until: 50s               # last possible start (default: duration)
//     maxDown: 1               # brokers affected at once (default 1)
//     target: leaders          # brokers (any broker) | leaders (the leader of a random partition) | controller
//     crash: { every: 20s, for: 5s }        # mean time between faults (exponential), how long each lasts
//     partition: { every: 30s, for: 10s }   # isolates the chosen broker from every other node
//     pause: { every: 30s, for: 5s }
//     slowDisk: { every: 30s, for: 10s, factor: 10 }
//     powerLoss: { every: 60s, for: 5s }
//     stop: { every: 30s, for: 5s }

import type { Field } from "./node-reader.ts";
import { duration, type Known } from "./schema-common.ts";
import { formatDurationUs } from "./units.ts";
import { NEMESIS_ACTIONS, type Nemesis, type NemesisAction } from "./types.ts";

export const NEMESIS_KEYS = ["from", "until", "maxDown", "target", ...NEMESIS_ACTIONS];
/** The keys of each action's map; slowDisk also takes a factor. */
export const NEMESIS_ACTION_KEYS = ["every", "for"];
export const NEMESIS_SLOW_DISK_KEYS = [...NEMESIS_ACTION_KEYS, "factor"];
export const NEMESIS_TARGETS = ["brokers", "leaders", "controller"] as const;

export function readNemesis(f: Field, known: Known): Nemesis | null {
  if (f.missing) return null;
  const m = f.map(NEMESIS_KEYS);
  const fromUs = m.opt("from", 0, (x) => duration(x));
  const untilUs = m.opt("until", known.durationUs, (x) => duration(x, true));
  if (untilUs > known.durationUs) m.get("until").fail(`must be within the run (duration ${formatDurationUs(known.durationUs)})`);
  if (fromUs >= untilUs) m.get("from").fail(`must be before until (${formatDurationUs(untilUs)})`);
  const maxDown = m.opt("maxDown", 1, (x) => x.int(1, known.brokers));
  const target = m.opt("target", "brokers" as (typeof NEMESIS_TARGETS)[number], (x) => {
    const t = x.string();
    const found = NEMESIS_TARGETS.find((k) => k === t);
    return found ?? x.fail(`must be one of ${NEMESIS_TARGETS.join(", ")}, got "${t}"`);
  });
  const actions: Nemesis["actions"][number][] = [];
  for (const action of NEMESIS_ACTIONS) {
    const a = m.get(action);
    if (a.missing) continue;
    const am = a.map(action === "slowDisk" ? NEMESIS_SLOW_DISK_KEYS : NEMESIS_ACTION_KEYS);
    const everyUs = duration(am.req("every"), true);
    const forUs = duration(am.req("for"), true);
    const factor = action === "slowDisk" ? am.opt("factor", 10, (x) => x.number(1, 10_000)) : 1;
    actions.push({ action: action as NemesisAction, everyUs, forUs, factor });
  }
  if (actions.length === 0) f.fail(`a nemesis needs at least one of ${NEMESIS_ACTIONS.join(", ")}, like crash: { every: 20s, for: 5s }`);
  return { fromUs, untilUs, maxDown, target, actions };
}
