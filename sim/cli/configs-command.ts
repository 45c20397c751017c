// `kafkasim configs [--scope broker|topic|producer|consumer] [--json]`: the Kafka keys a
// scenario accepts, as kafka-configs --describe and Kafka's docs list them (name, type, Kafka's
// default, valid values), with whether the simulator models each and what it does with it.

import { BROKER_CATALOG } from "../../core/config/broker-config.ts";
import { LONG_MAX, type ConfigCatalog, type ConfigEntry, type ConfigValue } from "../../core/config/catalog.ts";
import { CONSUMER_CATALOG } from "../../core/config/consumer-config.ts";
import { PRODUCER_CATALOG } from "../../core/config/producer-config.ts";
import { TOPIC_CATALOG } from "../../core/config/topic-config.ts";

const CATALOGS: Readonly<Record<string, ConfigCatalog>> = { broker: BROKER_CATALOG, topic: TOPIC_CATALOG, producer: PRODUCER_CATALOG, consumer: CONSUMER_CATALOG };
const WHERE: Readonly<Record<string, string>> = { broker: "cluster.config", topic: "topics[].config", producer: "producers[].config", consumer: "consumers[].config" };

export class ConfigsUsageError extends Error {}

export interface ConfigRow {
  readonly scope: string;
  readonly name: string;
  readonly type: string;
  /** Kafka's default as written in a config file (Long.MAX_VALUE as its digits); null = unset. */
  readonly default: number | string | boolean | readonly string[] | null;
  /** Accepted values or range, "" when any value of the type goes. */
  readonly valid: string;
  readonly modelled: boolean;
  /** What the key does, or for an unmodelled one what not modelling it means for the result. */
  readonly note: string;
}

const TYPE_NAMES: Readonly<Record<string, string>> = { "duration-ms": "duration (ms; also 5s, 2m, ...)", bytes: "size (bytes; also 16KiB, 1MiB, ...)" };

function defaultOf(v: ConfigValue): ConfigRow["default"] {
  return v === LONG_MAX ? "9223372036854775807" : v;
}

function validOf(e: ConfigEntry): string {
  if (e.values !== undefined) return e.values.join(", ");
  const max = e.max === LONG_MAX ? "Long.MAX_VALUE" : e.max;
  if (e.min !== undefined && e.max !== undefined) return `[${e.min}, ${max}]`;
  if (e.min !== undefined) return `>= ${e.min}`;
  if (e.max !== undefined) return `<= ${max}`;
  return "";
}

export function configRows(scope?: string): ConfigRow[] {
  if (scope !== undefined && CATALOGS[scope] === undefined) {
    throw new ConfigsUsageError(`configs --scope must be one of ${Object.keys(CATALOGS).join(", ")}, got "${scope}"`);
  }
  const scopes = scope === undefined ? Object.keys(CATALOGS) : [scope];
  return scopes.flatMap((s) =>
    CATALOGS[s]!.entries.map((e) => ({
      scope: s,
      name: e.key,
      type: TYPE_NAMES[e.type] ?? e.type,
      default: defaultOf(e.default),
      valid: validOf(e),
      modelled: e.notModelled === undefined,
      note: e.notModelled ?? e.doc,
    })),
  );
}

function shown(v: ConfigRow["default"]): string {
  if (v === null) return "(unset)";
  if (Array.isArray(v)) return v.length === 0 ? "(empty)" : v.join(",");
  return String(v);
}

export function configsCommand(opts: { scope?: string; json?: boolean }): number {
  const rows = configRows(opts.scope);
  if (opts.json === true) {
    process.stdout.write(JSON.stringify(rows) + "\n");
    return 0;
  }
  const out: string[] = [];
  for (const scope of new Set(rows.map((r) => r.scope))) {
    const of = rows.filter((r) => r.scope === scope);
    const unmodelled = of.filter((r) => !r.modelled).length;
    out.push(`${scope} configs (${WHERE[scope]}): ${of.length} keys, ${unmodelled} accepted but not modelled`);
    for (const r of of) {
      const valid = r.valid === "" ? "" : `  valid: ${r.valid}`;
      out.push(`  ${r.name}  ${r.type}  default ${shown(r.default)}${valid}`);
      out.push(`      ${r.modelled ? "" : "NOT MODELLED: "}${r.note}`);
    }
    out.push("");
  }
  process.stdout.write(out.join("\n"));
  return 0;
}
