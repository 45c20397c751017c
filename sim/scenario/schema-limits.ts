// The run limits a scenario file states outright (run-limits.ts), each checked where the file
// crosses it, so the one-line error points at the key to change: the run's length at duration
// or settle, clients at the producer or group that goes past the limit, faults at the list or
// at the nemesis kind whose rate does.

import type { MapView } from "./node-reader.ts";
import { limitHint } from "./run-limits.ts";
import type { ConsumerSpec, Nemesis, ProducerSpec } from "./types.ts";
import { formatDurationUs } from "./units.ts";

export function checkSimulatedTime(m: MapView, durationUs: number, settleUs: number): void {
  const limit = m.field.src.limits["simulated-time"];
  if (durationUs + settleUs <= limit) return;
  const at = durationUs > limit || !m.has("settle") ? m.get("duration") : m.get("settle");
  at.fail(`duration + settle is ${span(durationUs + settleUs)} of simulated time, more than one run may take ${limitHint("simulated-time", limit)}`);
}

function span(us: number): string {
  const d = us / 86_400_000_000;
  if (d < 1) return formatDurationUs(us);
  return d < 1e6 ? `${d.toLocaleString("en-US", { maximumFractionDigits: 1 })} days` : `${d.toExponential(1)} days`;
}

export function checkClients(m: MapView, producers: readonly ProducerSpec[], consumers: readonly ConsumerSpec[]): void {
  const limits = m.field.src.limits;
  let clients = producers.length;
  if (clients > limits.clients) m.get("producers").list()[limits.clients]!.fail(`more producers than one run may have ${limitHint("clients", limits.clients)}`);
  consumers.forEach((c, i) => {
    clients += c.instances;
    if (clients > limits.clients) m.get("consumers").list()[i]!.fail(`${clients.toLocaleString("en-US")} producers and consumer instances so far, more than one run may have ${limitHint("clients", limits.clients)}`);
  });
}

export function checkFaults(m: MapView, faults: number, nemesis: Nemesis | null): void {
  const limits = m.field.src.limits;
  if (faults > limits.faults) m.get("faults").list()[limits.faults]!.fail(`more faults than one run may have ${limitHint("faults", limits.faults)}`);
  let expected = faults;
  for (const a of nemesis?.actions ?? []) {
    expected += (nemesis!.untilUs - nemesis!.fromUs) / a.everyUs;
    if (expected > limits.faults) {
      m.get("nemesis").map().get(a.action).map().get("every")
        .fail(`every ${formatDurationUs(a.everyUs)} over ${formatDurationUs(nemesis!.untilUs - nemesis!.fromUs)} draws about ${Math.round(expected).toLocaleString("en-US")} faults, more than one run may have ${limitHint("faults", limits.faults)}`);
    }
  }
}
