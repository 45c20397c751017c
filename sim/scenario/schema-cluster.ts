// `cluster:`: the brokers, the network and disks they run on, and the broker config.

import { BROKER_CATALOG } from "../../core/config/broker-config.ts";
import { readConfig } from "./config-field.ts";
import { readLatency } from "./distributions.ts";
import type { Field } from "./node-reader.ts";
import { bandwidth, duration, LIMITS, probability, size } from "./schema-common.ts";
import type { ClusterSpec } from "./types.ts";
import { parseBandwidth } from "./units.ts";

const CLUSTER_KEYS = ["brokers", "network", "disk", "config", "ssl"];
const NETWORK_KEYS = ["latency", "jitter", "bandwidth", "loss"];
const DISK_KEYS = ["throughput", "fsyncLatency", "readLatency", "pageCache", "writebackDelay", "dirtyBackgroundRatio", "dirtyRatio"];

const GiB = 1024 ** 3;
const DEFAULT_BANDWIDTH = must(parseBandwidth("10Gbps"));
const DEFAULT_DISK_THROUGHPUT = must(parseBandwidth("500MiB/s"));

export function readCluster(f: Field): ClusterSpec {
  const m = f.map(CLUSTER_KEYS);
  const brokersField = m.req("brokers");
  const brokers = brokersField.int(1, Number.MAX_SAFE_INTEGER);
  if (brokers > LIMITS.brokers) brokersField.fail(`kafkasim runs at most ${LIMITS.brokers} brokers, got ${brokers}`);
  const net = m.get("network").missing ? null : m.get("network").map(NETWORK_KEYS);
  const disk = m.get("disk").missing ? null : m.get("disk").map(DISK_KEYS);
  return {
    brokers,
    network: {
      latency: net === null ? { kind: "fixed", us: 1000 } : readLatency(net),
      bandwidthBytesPerSec: net?.opt("bandwidth", DEFAULT_BANDWIDTH, bandwidth) ?? DEFAULT_BANDWIDTH,
      loss: net?.opt("loss", 0, probability) ?? 0,
    },
    disk: {
      throughputBytesPerSec: disk?.opt("throughput", DEFAULT_DISK_THROUGHPUT, bandwidth) ?? DEFAULT_DISK_THROUGHPUT,
      fsyncLatencyUs: disk?.opt("fsyncLatency", 5_000, (x) => duration(x)) ?? 5_000,
      readLatencyUs: disk?.opt("readLatency", 100, (x) => duration(x)) ?? 100,
      pageCacheBytes: disk?.opt("pageCache", 4 * GiB, (x) => size(x)) ?? 4 * GiB,
      // Linux vm.dirty_expire_centisecs = 3000: dirty pages are written back after 30s.
      writebackDelayUs: disk?.opt("writebackDelay", 30_000_000, (x) => duration(x)) ?? 30_000_000,
      // Linux vm.dirty_background_ratio and vm.dirty_ratio: whole percents, as sysctl takes them.
      dirtyBackgroundRatio: disk?.opt("dirtyBackgroundRatio", 10, (x) => x.int(0, 100)) ?? 10,
      dirtyRatio: disk?.opt("dirtyRatio", 20, (x) => x.int(0, 100)) ?? 20,
    },
    config: readConfig(m.get("config"), BROKER_CATALOG),
    ssl: m.opt("ssl", false, (x) => x.bool()),
  };
}

function must(p: { ok: true; value: number } | { ok: false; error: string }): number {
  if (!p.ok) throw new Error(p.error);
  return p.value;
}
