// `cluster:`: the brokers, the network and disks they run on, and the broker config.

import { BROKER_CATALOG } from "../../core/config/broker-config.ts";
import { readConfig } from "./config-field.ts";
import { DEFAULT_LATENCY_US, readLatency } from "./distributions.ts";
import type { Field, MapView } from "./node-reader.ts";
import { bandwidth, duration, LIMITS, probability, size } from "./schema-common.ts";
import { readRackNetwork, readRacks } from "./schema-racks.ts";
import type { ClusterSpec } from "./types.ts";
import { parseBandwidth, parseDurationUs, parseSizeBytes } from "./units.ts";

export const CLUSTER_KEYS = ["brokers", "controllers", "racks", "network", "disk", "config", "ssl"];
/** cluster.controllers: a quorum of 1..9 voters (Kafka runs 3 or 5). */
export const MAX_CONTROLLERS = 9;
export const NETWORK_KEYS = ["latency", "jitter", "bandwidth", "loss", "racks"];
export const DISK_KEYS = ["throughput", "fsyncLatency", "readLatency", "pageCache", "writebackDelay", "dirtyBackgroundRatio", "dirtyRatio"];

/** Defaults as a scenario would write them (the JSON Schema shows these); latency: DEFAULT_LATENCY_US. */
export const NETWORK_DEFAULTS = { bandwidth: "10Gbps", loss: 0 } as const;
export const DISK_DEFAULTS = {
  throughput: "500MiB/s",
  fsyncLatency: "5ms",
  readLatency: "100us",
  pageCache: "4GiB",
  // Linux vm.dirty_expire_centisecs = 3000: dirty pages are written back after 30s.
  writebackDelay: "30s",
  // Linux vm.dirty_background_ratio and vm.dirty_ratio: whole percents, as sysctl takes them.
  dirtyBackgroundRatio: 10,
  dirtyRatio: 20,
} as const;

const DEFAULT_BANDWIDTH = must(parseBandwidth(NETWORK_DEFAULTS.bandwidth));
const DEFAULT_DISK: ClusterSpec["disk"] = {
  throughputBytesPerSec: must(parseBandwidth(DISK_DEFAULTS.throughput)),
  fsyncLatencyUs: must(parseDurationUs(DISK_DEFAULTS.fsyncLatency)),
  readLatencyUs: must(parseDurationUs(DISK_DEFAULTS.readLatency)),
  pageCacheBytes: must(parseSizeBytes(DISK_DEFAULTS.pageCache)),
  writebackDelayUs: must(parseDurationUs(DISK_DEFAULTS.writebackDelay)),
  dirtyBackgroundRatio: DISK_DEFAULTS.dirtyBackgroundRatio,
  dirtyRatio: DISK_DEFAULTS.dirtyRatio,
};

export function readCluster(f: Field): ClusterSpec {
  const m = f.map(CLUSTER_KEYS);
  const brokersField = m.req("brokers");
  const brokers = brokersField.int(1, Number.MAX_SAFE_INTEGER);
  if (brokers > LIMITS.brokers) brokersField.fail(`kafkasim runs at most ${LIMITS.brokers} brokers, got ${brokers}`);
  const net = m.get("network").missing ? null : m.get("network").map(NETWORK_KEYS);
  const disk = m.get("disk").missing ? null : m.get("disk").map(DISK_KEYS);
  const network: ClusterSpec["network"] = {
    latency: net === null ? { kind: "fixed", us: DEFAULT_LATENCY_US } : readLatency(net),
    bandwidthBytesPerSec: net?.opt("bandwidth", DEFAULT_BANDWIDTH, bandwidth) ?? DEFAULT_BANDWIDTH,
    loss: net?.opt("loss", NETWORK_DEFAULTS.loss, probability) ?? NETWORK_DEFAULTS.loss,
  };
  const racks = readRacks(m.get("racks"), brokers);
  return {
    brokers,
    controllers: m.opt("controllers", 1, (x) => x.int(1, MAX_CONTROLLERS)),
    network,
    disk: disk === null ? DEFAULT_DISK : readDisk(disk),
    config: readConfig(m.get("config"), BROKER_CATALOG),
    ssl: m.opt("ssl", false, (x) => x.bool()),
    racks,
    rackNetwork: readRackNetwork(net === null ? m.get("network") : net.get("racks"), racks, network),
  };
}

function readDisk(disk: MapView): ClusterSpec["disk"] {
  const d = DEFAULT_DISK;
  return {
    throughputBytesPerSec: disk.opt("throughput", d.throughputBytesPerSec, bandwidth),
    fsyncLatencyUs: disk.opt("fsyncLatency", d.fsyncLatencyUs, (x) => duration(x)),
    readLatencyUs: disk.opt("readLatency", d.readLatencyUs, (x) => duration(x)),
    pageCacheBytes: disk.opt("pageCache", d.pageCacheBytes, (x) => size(x)),
    writebackDelayUs: disk.opt("writebackDelay", d.writebackDelayUs, (x) => duration(x)),
    dirtyBackgroundRatio: disk.opt("dirtyBackgroundRatio", d.dirtyBackgroundRatio, (x) => x.int(0, 100)),
    dirtyRatio: disk.opt("dirtyRatio", d.dirtyRatio, (x) => x.int(0, 100)),
  };
}

function must(p: { ok: true; value: number } | { ok: false; error: string }): number {
  if (!p.ok) throw new Error(p.error);
  return p.value;
}
