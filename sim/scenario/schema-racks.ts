// `cluster.racks` and `cluster.network.racks`: availability zones. Broker i's broker.rack is
// racks[i-1]; `network.racks` is the link between two zones (latency, jitter, bandwidth),
// while two nodes in one zone talk over `network` as before. Rack names are the words a
// summary path and a `rack(az1)` target use, so they keep to letters, digits, `_` and `-`.

import type { Field, MapView } from "./node-reader.ts";
import { readLatency } from "./distributions.ts";
import { bandwidth } from "./schema-common.ts";
import type { ClusterSpec } from "./types.ts";

export const RACK_NETWORK_KEYS = ["latency", "jitter", "bandwidth"];
const RACK_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export function readRacks(f: Field, brokers: number): string[] | null {
  if (f.missing) return null;
  const items = f.list();
  if (items.length !== brokers) f.fail(`cluster.racks names one rack per broker: ${brokers} broker(s), got ${items.length} rack(s)`);
  return items.map((item) => {
    const name = typeof item.scalar === "number" ? String(item.scalar) : item.string();
    if (!RACK_NAME.test(name)) item.fail(`a rack name is 1..64 letters, digits, "_" or "-", got ${JSON.stringify(name)}`);
    return name;
  });
}

/** `network.racks`; without it a link between racks is like one within a rack. */
export function readRackNetwork(racksField: Field, racks: readonly string[] | null, inRack: ClusterSpec["network"]): ClusterSpec["rackNetwork"] {
  if (racks === null) {
    if (!racksField.missing) racksField.fail("network.racks is the link between racks; set cluster.racks first, one rack per broker");
    return null;
  }
  if (racksField.missing) return { latency: inRack.latency, bandwidthBytesPerSec: inRack.bandwidthBytesPerSec };
  const m: MapView = racksField.map(RACK_NETWORK_KEYS);
  const latency = m.get("latency").missing ? inRack.latency : readLatency(m);
  return { latency, bandwidthBytesPerSec: m.opt("bandwidth", inRack.bandwidthBytesPerSec, bandwidth) };
}

/** The distinct racks in the order they first appear in cluster.racks. */
export function rackNames(racks: readonly string[]): string[] {
  return [...new Set(racks)];
}

/**
 * Where the controllers run: Kafka's controllers have no broker.rack that placement reads, but
 * their machines sit in a zone. kafkasim puts controller k (1..N) in the k-th distinct rack,
 * round-robin (three controllers over three zones: one each); the single `controller` is in
 * the first rack.
 */
export function controllerRack(racks: readonly string[], index: number): string {
  const names = rackNames(racks);
  return names[index % names.length]!;
}
