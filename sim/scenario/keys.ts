// `keys:` of a producer: which record keys it sends, and so how records spread over
// partitions (murmur2 of the key) and what compaction keeps. The hot-key shapes
// (fixed with a share, composite, salted) are the usual fixes for a skewed key.

import type { Field } from "./node-reader.ts";
import { LIMITS, probability } from "./schema-common.ts";
import { KEY_DISTRIBUTIONS, type KeySpec } from "./types.ts";

type KeyDistribution = KeySpec["distribution"];

export const KEY_PARAMS: Readonly<Record<KeyDistribution, readonly string[]>> = {
  none: [],
  uniform: ["count"],
  zipf: ["count", "exponent"],
  fixed: ["key", "share", "count"],
  composite: ["key", "share", "count"],
  salted: ["key", "salts"],
};

export const KEY_DEFAULTS: KeySpec = { distribution: "none", count: 1000, exponent: 1, key: "", share: 1, salts: 10 };

/** `keys: uniform` or `keys: { distribution: zipf, count: 1000, exponent: 1.2 }`; null = null keys. */
export function readKeys(f: Field | null): KeySpec {
  if (f === null) return KEY_DEFAULTS;
  if (!f.isMap) return { ...KEY_DEFAULTS, distribution: distributionName(f, true) };
  const m = f.map();
  const distribution = distributionName(m.req("distribution"), false);
  const allowed = KEY_PARAMS[distribution];
  for (const e of m.entries) {
    if (e.key === "distribution" || allowed.includes(e.key)) continue;
    const owners = KEY_DISTRIBUTIONS.filter((d) => KEY_PARAMS[d].includes(e.key));
    const why = owners.length > 0 ? `${e.key} applies to ${owners.join(", ")}, not ${distribution}` : `unknown key "${e.key}"`;
    f.src.fail(e.keyNode, e.value.path, `${why}; ${distribution} takes ${["distribution", ...allowed].join(", ")}`);
  }
  const needsKey = allowed.includes("key");
  return {
    distribution,
    count: m.opt("count", KEY_DEFAULTS.count, (x) => x.int(1, LIMITS.keyCount)),
    exponent: m.opt("exponent", KEY_DEFAULTS.exponent, (x) => positive(x)),
    key: needsKey ? m.req("key", `${distribution} keys are built on one hot key, e.g. key: US`).string() : "",
    share: m.opt("share", KEY_DEFAULTS.share, probability),
    salts: m.opt("salts", KEY_DEFAULTS.salts, (x) => x.int(1, 1_000_000)),
  };
}

function distributionName(f: Field, shorthand: boolean): KeyDistribution {
  const name = f.string();
  const found = KEY_DISTRIBUTIONS.find((d) => d === name);
  if (found === undefined) f.fail(`unknown key distribution "${name}"; expected one of ${KEY_DISTRIBUTIONS.join(", ")}`);
  if (shorthand && KEY_PARAMS[found].includes("key")) f.fail(`${found} keys need a hot key: write { distribution: ${found}, key: US }`);
  return found;
}

function positive(f: Field): number {
  const n = f.number(0, 100);
  if (n === 0) f.fail("must be above 0");
  return n;
}
