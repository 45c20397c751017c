// `lesson:` captions (sim/scenario/schema-lesson.ts, lesson-events.ts): at a time, at a trace
// event (`on:`), or both, with `when:` conditions read like `expect:`. Old `at:`-only captions
// load as before; every mistake is one line with file:line:col and the key path, and an
// unknown event or argument gets a "did you mean".
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../sim/scenario/loader.ts";
import { errorLineOf } from "./error-line.ts";

const BASE = `name: t
duration: 30s
cluster: { brokers: 3 }
topics:
  - { name: orders, partitions: 6, replicationFactor: 3 }
producers:
  - { id: p1, topic: orders, rate: 100/s }
consumers:
  - { group: billing, topic: orders, instances: 2 }
lesson:
`;
const lessonOf = (line: string) => loadScenario(`${BASE}  - ${line}\n`, "t.yaml").lesson;
const errorOf = (line: string): string => errorLineOf(() => loadScenario(`${BASE}  - ${line}\n`, "t.yaml"));

describe("lesson captions that load", () => {
  it("an at:-only caption is what it always was", () => {
    expect(lessonOf('{ at: 9s, text: "Look." }')).toEqual([{ atUs: 9_000_000, text: "Look.", pause: false }]);
  });

  it.each([
    ["fenced(1)", { event: "fenced", arg: "broker-1", text: "fenced(1)" }],
    ["fenced(broker-2)", { event: "fenced", arg: "broker-2", text: "fenced(broker-2)" }],
    ["fenced", { event: "fenced", arg: null, text: "fenced" }],
    ["election(orders-0)", { event: "election", arg: "orders-0", text: "election(orders-0)" }],
    ["isrShrink(orders)", { event: "isrShrink", arg: "orders", text: "isrShrink(orders)" }],
    ["crash(p1)", { event: "crash", arg: "p1", text: "crash(p1)" }],
    ["pause(billing-2)", { event: "pause", arg: "billing-2", text: "pause(billing-2)" }],
    ["restart(3)", { event: "restart", arg: "broker-3", text: "restart(3)" }],
    ["crash(controller)", { event: "crash", arg: "controller", text: "crash(controller)" }],
    ["rebalance(billing)", { event: "rebalance", arg: "billing", text: "rebalance(billing)" }],
    ["produceError(NOT_ENOUGH_REPLICAS)", { event: "produceError", arg: "NOT_ENOUGH_REPLICAS", text: "produceError(NOT_ENOUGH_REPLICAS)" }],
    ["loss", { event: "loss", arg: null, text: "loss" }],
    [" election( orders-5 ) ", { event: "election", arg: "orders-5", text: "election(orders-5)" }],
  ])("on: %s", (on, anchor) => {
    expect(lessonOf(`{ on: "${on}", text: "x" }`)).toEqual([{ atUs: 0, text: "x", pause: false, on: anchor }]);
  });

  it("at: with on: is the earliest time the event counts from", () => {
    expect(lessonOf('{ on: election(orders-0), at: 10s, text: "x" }')[0]).toMatchObject({ atUs: 10_000_000, on: { event: "election" } });
  });

  it("when: holds conditions read like expect:", () => {
    expect(lessonOf('{ at: 1s, text: "x", when: { durability.acknowledgedLost: "> 0", errorResponses.NOT_ENOUGH_REPLICAS: 0 } }')[0]?.when).toEqual([
      { path: "durability.acknowledgedLost", op: ">", value: 0, raw: "> 0", where: { file: "t.yaml", line: 11, column: 34 } },
      { path: "errorResponses.NOT_ENOUGH_REPLICAS", op: "==", value: 0, raw: "== 0", where: { file: "t.yaml", line: 11, column: 70 } },
    ]);
  });

  it("--set reaches a caption's when: with its dotted key", () => {
    const s = loadScenario(`${BASE}  - { at: 1s, text: "x" }\n`, "t.yaml", ["lesson.0.when.durability.acknowledgedLost=0"]);
    expect(s.lesson[0]?.when?.map((w) => w.path)).toEqual(["durability.acknowledgedLost"]);
  });
});

describe("lesson captions the loader refuses, in one line", () => {
  it.each([
    ['{ text: "x" }', "t.yaml:11:5: at lesson.0: a caption needs at: (a time), on: (an event, like election(orders-0)) or both"],
    ['{ on: fence(1), text: "x" }', 't.yaml:11:11: at lesson.0.on: unknown lesson event "fence"; did you mean "fenced"?'],
    ['{ on: eleciton(orders-0), text: "x" }', 't.yaml:11:11: at lesson.0.on: unknown lesson event "eleciton"; did you mean "election"?'],
    ['{ on: kaboom, text: "x" }', 't.yaml:11:11: at lesson.0.on: unknown lesson event "kaboom"; the events are crash, powerLoss, restart, pause, resume, fenced, election, offline, isrShrink, isrExpand, truncation, retention, produceError, sendFailed, rebalance, stable, sessionExpired, pollTimeout, logTruncation, controllerActive, loss'],
    ['{ on: fenced(4), text: "x" }', 't.yaml:11:11: at lesson.0.on: fenced(...) takes a broker id, 1..3; got "4"'],
    ['{ on: election(order-0), text: "x" }', 't.yaml:11:11: at lesson.0.on: election(...) takes a topic or a topic-partition: unknown topic "order"; did you mean "orders-0"?'],
    ['{ on: election(orders-6), text: "x" }', "t.yaml:11:11: at lesson.0.on: orders has 6 partition(s), numbered 0..5; there is no orders-6"],
    ['{ on: crash(billing-3), text: "x" }', 't.yaml:11:11: at lesson.0.on: crash(...) takes a node (a broker id, controller, a producer id or <group>-<n>): unknown node "billing-3"; did you mean "billing-1"?'],
    ['{ on: crash(7), text: "x" }', "t.yaml:11:11: at lesson.0.on: there is no broker 7: broker ids are 1..3"],
    ['{ on: rebalance(biling), text: "x" }', 't.yaml:11:11: at lesson.0.on: rebalance(...) takes a consumer group: unknown group "biling"; did you mean "billing"?'],
    ['{ on: produceError(NOT_ENOUGH_REPLICA), text: "x" }', 't.yaml:11:11: at lesson.0.on: produceError(...) takes a Kafka error name: unknown error "NOT_ENOUGH_REPLICA"; did you mean "NOT_ENOUGH_REPLICAS"?'],
    ['{ on: loss(orders-0), text: "x" }', "t.yaml:11:11: at lesson.0.on: loss takes no argument, got loss(orders-0)"],
    ['{ on: "fenced()", text: "x" }', "t.yaml:11:11: at lesson.0.on: fenced() needs a broker id between the brackets, or no brackets for any"],
    ['{ on: "fenced(1", text: "x" }', 't.yaml:11:11: at lesson.0.on: expected an event like election(orders-0), fenced(1) or loss, got "fenced(1"'],
    ['{ on: 3, text: "x" }', "t.yaml:11:11: at lesson.0.on: expected an event like election(orders-0), fenced(1) or loss, got 3"],
    ['{ on: fenced(1), at: 31s, text: "x" }', "t.yaml:11:26: at lesson.0.at: lesson at 31s is after the end of the run (duration 30s)"],
    ['{ at: 1s, text: "x", when: { durability.acknowledgedLots: "> 0" } }', 't.yaml:11:34: at lesson.0.when.durability.acknowledgedLots: unknown summary path "durability.acknowledgedLots"; did you mean "durability.acknowledgedLost"?'],
    ['{ at: 1s, text: "x", when: { durability.acknowledgedLost: "lots" } }', 't.yaml:11:63: at lesson.0.when.durability.acknowledgedLost: expected a comparison like "> 0", "== 0" or "<= 2", got "lots"'],
    ['{ at: 1s, text: "x", when: "> 0" }', 't.yaml:11:32: at lesson.0.when: expected a map of keys, got "> 0"'],
    ['{ at: 1s, text: "x", then: 2s }', 't.yaml:11:26: at lesson.0.then: unknown key "then"; did you mean "when"?'],
  ])("%s", (line, error) => {
    expect(errorOf(line)).toBe(error);
  });
});
