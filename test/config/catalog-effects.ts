// The catalog-wide check behind "no key may be accepted silently without effect": for every
// modelled key, one value away from its default (and, where the key only matters in some
// situation, the overrides that create it), applied to a small scenario with every kind of
// client, a compacted topic and a broker crash. Setting the key must change the history
// (the traceHash). The table names each key once; a key added to a catalog without a row
// here fails the completeness test.
import { readFileSync } from "node:fs";
import { BROKER_CATALOG } from "../../core/config/broker-config.ts";
import type { ConfigCatalog } from "../../core/config/catalog.ts";
import { CONSUMER_CATALOG } from "../../core/config/consumer-config.ts";
import { PRODUCER_CATALOG } from "../../core/config/producer-config.ts";
import { TOPIC_CATALOG } from "../../core/config/topic-config.ts";
import { runScenario } from "../../sim/run/runner.ts";
import { loadScenario } from "../../sim/scenario/index.ts";

export const BASE = `
name: catalog-effects
seed: 5
duration: 20s
settle: 10s
cluster:
  brokers: 3
  network: { latency: 1ms, jitter: 200us }
topics:
  - { name: events, partitions: 3, replicationFactor: 3 }
  - { name: changelog, partitions: 1, replicationFactor: 3, config: { cleanup.policy: compact, internal.segment.bytes: 16KiB, min.cleanable.dirty.ratio: 0.1 } }
  - { name: defaults }
producers:
  - { id: p1, topic: events, rate: 400/s, keys: { distribution: uniform, count: 100 }, valueSize: 200 }
  - { id: p2, topic: changelog, rate: 100/s, keys: { distribution: uniform, count: 20 }, valueSize: 100 }
consumers:
  - { group: g1, topic: events, instances: 2, processingTime: 1ms }
faults:
  - { at: 8s, crash: 2, for: 6s }
`;

/** Where a key of each scope is set in BASE. */
export const SCOPE_PATH: Readonly<Record<string, string>> = {
  broker: "cluster.config",
  topic: "topics.0.config",
  producer: "producers.0.config",
  consumer: "consumers.0.config",
};

export const CATALOGS: readonly ConfigCatalog[] = [BROKER_CATALOG, TOPIC_CATALOG, PRODUCER_CATALOG, CONSUMER_CATALOG];

/**
 * A value that changes the history; any overrides (`--set` paths) that make the key matter,
 * applied with and without it; where to set it when not the scope's usual place; and a shipped
 * scenario to use instead of BASE where the key only matters in a situation BASE lacks.
 */
export interface Effect {
  readonly value: string;
  readonly context?: readonly string[];
  readonly path?: string;
  readonly scenario?: string;
  /** The effect is a refusal: the loader rejects the value with a message matching this. */
  readonly refused?: RegExp;
}

/**
 * Keys modelled as Kafka has them whose effect no scenario can show, with why. A key belongs
 * here only when Kafka itself would behave the same for every value in a static config.
 */
export const INERT: Readonly<Record<string, string>> = {
  "broker auto.create.topics.enable":
    "only a Metadata request that allows auto-creation creates a topic (kafkasim serve's real clients: test/serve/create-topics.test.ts); modelled clients ask only for the scenario's topics, created up front",
  "broker unclean.leader.election.interval.ms":
    "the controller elects uncleanly as soon as a broker is fenced or unfenced; its periodic retry only finds leaderless partitions after unclean election is enabled by a dynamic config change, which a scenario cannot make",
};

/** Keys that a scenario sets through its own fields, with where. */
export const SET_ELSEWHERE: Readonly<Record<string, string>> = {
  "consumer group.id": "the consumer's `group`",
  "consumer group.instance.id": "`static: true` (instance n gets <group>-n)",
};

const hashes = new Map<string, string>();

/** Memoised: many keys share a context, so its run without the key is made once. */
export function traceHashOf(overrides: readonly string[], scenario?: string): string {
  const id = JSON.stringify([scenario ?? null, overrides]);
  let hash = hashes.get(id);
  if (hash === undefined) hashes.set(id, (hash = runOnce(overrides, scenario)));
  return hash;
}

function runOnce(overrides: readonly string[], scenario?: string): string {
  const text = scenario === undefined ? BASE : readFileSync(new URL(`../../scenarios/${scenario}`, import.meta.url), "utf8");
  return runScenario(loadScenario(text, scenario ?? "catalog-effects.yaml", [...overrides])).summary.traceHash;
}

/** The traceHash without and with the key set as `effect` says (or the loader's refusal). */
export function hashesFor(scope: string, key: string, effect: Effect): [string, string] {
  const context = effect.context ?? [];
  const set = `${effect.path ?? `${SCOPE_PATH[scope]}.${key}`}=${effect.value}`;
  const without = traceHashOf(context, effect.scenario);
  if (effect.refused === undefined) return [without, traceHashOf([...context, set], effect.scenario)];
  try {
    traceHashOf([...context, set], effect.scenario);
  } catch (error) {
    if (effect.refused.test((error as Error).message)) return [without, `refused: ${(error as Error).message}`];
    throw error;
  }
  return [without, without];
}
