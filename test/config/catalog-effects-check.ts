// Shared body of the catalog-effects tests, one file per pair of scopes so they run in parallel.
import { describe, expect, it } from "vitest";
import type { ConfigEntry } from "../../core/config/catalog.ts";
import { loadScenario } from "../../sim/scenario/index.ts";
import { BASE, CATALOGS, hashesFor, INERT, SCOPE_PATH, SET_ELSEWHERE } from "./catalog-effects.ts";
import { EFFECTS } from "./catalog-effects-table.ts";

/** A valid value other than the default, for keys that only have to warn. */
function otherValue(e: ConfigEntry): string {
  switch (e.type) {
    case "boolean":
      return String(e.default !== true);
    case "enum":
      return e.values!.find((v) => v !== e.default && v !== "-1")!;
    case "list":
      return e.values?.find((v) => !(e.default as readonly string[]).includes(v)) ?? "x";
    case "string":
      return "other";
    default:
      return String(typeof e.default === "number" && e.default > 0 ? Math.max(e.min ?? 0, Math.floor(e.default / 2)) : (e.min ?? 1) + 1);
  }
}

export function checkScopes(scopes: readonly string[]): void {
  for (const catalog of CATALOGS.filter((c) => scopes.includes(c.name))) {
    describe(`${catalog.name} keys`, () => {
      const modelled = catalog.entries.filter((e) => e.notModelled === undefined && SET_ELSEWHERE[`${catalog.name} ${e.key}`] === undefined && INERT[`${catalog.name} ${e.key}`] === undefined);
      it.each(modelled.map((e) => e.key))("%s: setting it changes the history", (key) => {
        const effect = EFFECTS[catalog.name]?.[key];
        expect(effect, `no row for ${catalog.name} ${key} in catalog-effects-table.ts`).toBeDefined();
        const [without, withKey] = hashesFor(catalog.name, key, effect!);
        expect(withKey).not.toBe(without);
      });

      const unmodelled = catalog.entries.filter((e) => e.notModelled !== undefined);
      it.each(unmodelled.map((e) => e.key))("%s: accepted, not modelled, and says so", (key) => {
        const entry = catalog.byKey.get(key)!;
        const path = `${SCOPE_PATH[catalog.name]}.${key}`;
        const set = `${path}=${otherValue(entry)}`;
        const scenario = loadScenario(BASE, "catalog-effects.yaml", [set]);
        expect(scenario.notModelled.map((w) => [w.path, w.message])).toEqual([[path, `accepted, not modelled: ${entry.notModelled} (in --set ${set})`]]);
      });

      it("has no table rows for keys that are not modelled or not in the catalog", () => {
        const rows = Object.keys(EFFECTS[catalog.name] ?? {});
        expect(rows.filter((k) => !modelled.some((e) => e.key === k))).toEqual([]);
      });
    });
  }
}
