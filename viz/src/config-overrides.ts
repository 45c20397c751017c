// Config toggles and compare presets as `--set` overrides. Producer settings go to every
// producer, topic settings to every topic (a topic's config overrides the broker's, as in Kafka).

import { parse } from "yaml";

export interface Shape {
  readonly producers: number;
  readonly topics: number;
  readonly consumers: number;
}

export function shapeOf(text: string): Shape {
  try {
    const doc = parse(text) as { producers?: unknown[]; topics?: unknown[]; consumers?: unknown[] } | null;
    return { producers: doc?.producers?.length ?? 0, topics: doc?.topics?.length ?? 0, consumers: doc?.consumers?.length ?? 0 };
  } catch {
    return { producers: 0, topics: 0, consumers: 0 };
  }
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

export type Toggle = "acks" | "minIsr" | "unclean" | "idempotence" | "strategy" | "sessionTimeout";

const KEYS: Record<Toggle, { scope: "producers" | "topics" | "consumers"; key: string }> = {
  strategy: { scope: "consumers", key: "partition.assignment.strategy" },
  sessionTimeout: { scope: "consumers", key: "session.timeout.ms" },
  acks: { scope: "producers", key: "acks" },
  idempotence: { scope: "producers", key: "enable.idempotence" },
  minIsr: { scope: "topics", key: "min.insync.replicas" },
  unclean: { scope: "topics", key: "unclean.leader.election.enable" },
};

const matches = (o: string, t: Toggle): boolean => new RegExp(`^${KEYS[t].scope}\\.\\d+\\.config\\.${KEYS[t].key.replace(/\./g, "\\.")}=`).test(o);

/** The overrides setting `t` to `value` everywhere (none when value is ""). */
export function toggleOverrides(shape: Shape, t: Toggle, value: string): string[] {
  if (value === "") return [];
  const { scope, key } = KEYS[t];
  return range(shape[scope]).map((i) => `${scope}.${i}.config.${key}=${value}`);
}

/** `list` with toggle `t` replaced. */
export function setToggle(list: readonly string[], shape: Shape, t: Toggle, value: string): string[] {
  return [...list.filter((o) => !matches(o, t)), ...toggleOverrides(shape, t, value)];
}

/** The value a toggle has in `list`, or "" when it is not overridden. */
export function toggleValue(list: readonly string[], t: Toggle): string {
  const o = list.find((x) => matches(x, t));
  return o === undefined ? "" : o.slice(o.indexOf("=") + 1);
}

/** A compare preset ("acks=all", "seed+1", ...) as overrides for the second run. */
export function presetOverrides(preset: string, shape: Shape, seed: number): string[] {
  if (preset === "seed+1") return [`seed=${seed + 1}`];
  const [name, value] = preset.split("=") as [string, string];
  const t: Toggle | undefined = name === "acks" ? "acks" : name === "min.insync.replicas" ? "minIsr" : name === "unclean" ? "unclean" : name === "idempotence" ? "idempotence" : name === "strategy" ? "strategy" : undefined;
  return t === undefined ? [] : toggleOverrides(shape, t, value);
}

/** A short description of overrides for a pane title. */
export function describeOverrides(list: readonly string[]): string {
  const seen = new Set<string>();
  for (const o of list) seen.add(o.replace(/^(producers|topics|consumers)\.\d+\.config\./, ""));
  return [...seen].join(", ");
}
