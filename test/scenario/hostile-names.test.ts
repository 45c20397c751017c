// Names and values a careless or hostile file may hold, refused as Kafka (or plain sense) would:
// keys that are JavaScript object properties, unit words that are Object.prototype members,
// and Kafka's internal topic names. Each is one line naming the key path.
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../sim/scenario/index.ts";
import { errorLineOf } from "./error-line.ts";

const BASE = `name: h
duration: 1s
cluster: { brokers: 1 }
topics:
  - { name: t, partitions: 1, replicationFactor: 1 }
producers:
  - { id: p1, topic: t, rate: 10/s }
`;

const errorOf = (text: string, overrides: string[] = []): string => errorLineOf(() => loadScenario(text, "h.yaml", overrides));

describe("hostile names and values", () => {
  it.each([
    ["producers.0.config.__proto__={ acks: banana }", /at producers\.0\.config\.__proto__: unknown producer config "__proto__"/],
    ["cluster.config.__proto__=1", /at cluster\.config\.__proto__: unknown broker config "__proto__"/],
    ["topics.0.config.__proto__=1", /at topics\.0\.config\.__proto__: unknown topic config "__proto__" \(in --set/],
    ["producers.0.config.constructor=1", /unknown producer config "constructor"/],
  ])("a config key named like an object property is an unknown key: %s", (set, message) => {
    expect(errorOf(BASE, [set])).toMatch(message);
  });

  it("a __proto__ key in the file itself is refused too", () => {
    expect(errorOf(BASE.replace("rate: 10/s }", "rate: 10/s, config: { __proto__: { acks: banana } } }"))).toMatch(/unknown producer config "__proto__"/);
  });

  it.each([
    ["producers.0.rate=5/constructor", /is not a rate/],
    ["producers.0.rate=5/toString", /is not a rate/],
    ["cluster.network.bandwidth=5constructor/s", /is not a bandwidth/],
    ["duration=5constructor", /is not a duration/],
    ["producers.0.valueSize=5hasOwnProperty", /is not a size/],
    ["producers.0.config.linger.ms=5valueOf", /is not a duration/],
  ])("a unit word that is an Object.prototype member is no unit: %s", (set, message) => {
    expect(errorOf(BASE, [set])).toMatch(message);
  });

  it.each(["__consumer_offsets", "__transaction_state"])("the internal topic %s cannot be declared", (name) => {
    expect(errorOf(BASE.replaceAll("name: t,", `name: ${name},`).replace("topic: t,", `topic: ${name},`))).toMatch(/at topics\.0\.name: .* internal topics/);
  });
});
