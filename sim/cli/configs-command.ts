// `kafkasim configs [--scope broker|topic|producer|consumer|streams] [--json]`: the Kafka keys a
// scenario accepts, as kafka-configs --describe and Kafka's docs list them (name, type, Kafka's
// default, valid values), with whether the simulator models each and what it does with it.

import { defaultOf, defaultText, typeName, validOf, type ShownDefault } from "../scenario/config-docs.ts";
import { CONFIG_SECTIONS } from "../scenario/config-sections.ts";

export class ConfigsUsageError extends Error {}

export interface ConfigRow {
  readonly scope: string;
  readonly name: string;
  readonly type: string;
  /** Kafka's default as written in a config file (Long.MAX_VALUE as its digits); null = unset. */
  readonly default: ShownDefault;
  /** Accepted values or range, "" when any value of the type goes. */
  readonly valid: string;
  readonly modelled: boolean;
  /** What the key does, or for an unmodelled one what not modelling it means for the result. */
  readonly note: string;
}

export function configRows(scope?: string): ConfigRow[] {
  if (scope !== undefined && !CONFIG_SECTIONS.some((s) => s.scope === scope)) {
    throw new ConfigsUsageError(`configs --scope must be one of ${CONFIG_SECTIONS.map((s) => s.scope).join(", ")}, got "${scope}"`);
  }
  const sections = CONFIG_SECTIONS.filter((s) => scope === undefined || s.scope === scope);
  return sections.flatMap((s) =>
    s.catalog.entries.map((e) => ({
      scope: s.scope,
      name: e.key,
      type: typeName(e),
      default: defaultOf(e.default),
      valid: validOf(e),
      modelled: e.notModelled === undefined,
      note: e.notModelled ?? e.doc,
    })),
  );
}

export function configsCommand(opts: { scope?: string; json?: boolean }): number {
  const rows = configRows(opts.scope);
  if (opts.json === true) {
    process.stdout.write(JSON.stringify(rows) + "\n");
    return 0;
  }
  const out: string[] = [];
  for (const { scope, where } of CONFIG_SECTIONS) {
    const of = rows.filter((r) => r.scope === scope);
    if (of.length === 0) continue;
    const unmodelled = of.filter((r) => !r.modelled).length;
    out.push(`${scope} configs (${where}): ${of.length} keys, ${unmodelled} accepted but not modelled`);
    for (const r of of) {
      const valid = r.valid === "" ? "" : `  valid: ${r.valid}`;
      out.push(`  ${r.name}  ${r.type}  default ${defaultText(r.default)}${valid}`);
      out.push(`      ${r.modelled ? "" : "NOT MODELLED: "}${r.note}`);
    }
    out.push("");
  }
  process.stdout.write(out.join("\n"));
  return 0;
}
