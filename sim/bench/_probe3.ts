import { loadScenario } from "../scenario/index.ts";
import { runScenario } from "../run/runner.ts";
import { Producer } from "../../core/producer/producer.ts";
const dur = process.argv[2] ?? "3s";
const fix = process.argv[3] === "fix";
if (fix) {
  const orig = (Producer.prototype as any).onTimer;
  (Producer.prototype as any).onTimer = function (this: any, tag: string) {
    if (tag === "sender" && this.env.now() < this.senderWakeUs) return;
    return orig.call(this, tag);
  };
}
const yaml = `
name: bench-cluster
seed: 1
duration: ${dur}
settle: 1s
cluster:
  brokers: 3
  network: { latency: 1ms, jitter: 200us }
  config: { min.insync.replicas: 2 }
topics:
  - { name: bench, partitions: 12, replicationFactor: 3 }
producers:
  - id: p1
    topic: bench
    rate: 50000/s
    keys: { distribution: uniform, count: 10000 }
    valueSize: 200
    config: { acks: all }
`;
const s = loadScenario(yaml, "bench.yaml");
const t0 = performance.now();
let last = t0; let lastEv = 0;
let w: any;
const r = runScenario(s, { onProgress: (d) => { const n = performance.now(); 
  console.log((d/1e6).toFixed(0), (n-last).toFixed(0), "ms", (process.memoryUsage().rss/1e6).toFixed(0), "MB"); last = n; } });
const t1 = performance.now();
console.log((t1 - t0).toFixed(0), "ms", r.summary.events, "events", r.summary.traceHash, JSON.stringify(r.summary.produced), JSON.stringify(r.summary.latency), JSON.stringify(r.summary.durability));
