// "Did you mean ...?" for unknown keys (Damerau–Levenshtein over the known keys).
import { describe, expect, it } from "vitest";
import { closestKey, didYouMean, editDistance } from "../../sim/scenario/did-you-mean.ts";
import { PRODUCER_CATALOG } from "../../core/config/producer-config.ts";

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["acks", "acks", 0],
    ["acks", "ack", 1],
    ["acks", "akcs", 1], // one transposition, not two substitutions
    ["kitten", "sitting", 3],
    ["", "abc", 3],
  ] as const)("%s ↔ %s = %d", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe("closestKey", () => {
  const producerKeys = [...PRODUCER_CATALOG.byKey.keys()];
  it.each([
    ["lingr.ms", "linger.ms"],
    ["linger", "linger.ms"],
    ["linger_ms", "linger.ms"],
    ["lingerMs", "linger.ms"],
    ["LINGER.MS", "linger.ms"],
    ["akcs", "acks"],
    ["batch.sise", "batch.size"],
    ["enable.idempotency", "enable.idempotence"],
    ["max.in.flight.requests", "max.in.flight.requests.per.connection"],
  ] as const)("%s → %s", (word, key) => {
    expect(closestKey(word, producerKeys)).toBe(key);
  });

  it.each([["zookeeper.connect"], ["foo"], ["2"]] as const)("%s → nothing", (word) => {
    expect(closestKey(word, producerKeys)).toBeNull();
  });

  it("folds camelCase against snake_case scenario keys", () => {
    expect(closestKey("replication_factor", ["name", "partitions", "replicationFactor"])).toBe("replicationFactor");
  });

  it("does not guess numbers", () => {
    expect(closestKey("2", ["0", "1", "-1", "all"])).toBeNull();
  });
});

describe("didYouMean", () => {
  it("formats a suffix, or nothing", () => {
    expect(didYouMean("topcs", ["topics", "faults"])).toBe('; did you mean "topics"?');
    expect(didYouMean("zzz", ["topics", "faults"])).toBe("");
  });
});
