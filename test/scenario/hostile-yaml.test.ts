// YAML built to cost the reader: alias bombs, aliases inside their own anchor, nesting hundreds
// deep, a second document, NUL bytes, UTF-16 and bytes that are not UTF-8, control characters.
// Each is one line naming the place, found in well under a second.
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../sim/scenario/index.ts";
import { decodeUtf8 } from "../../sim/scenario/read-file.ts";
import { errorLineOf } from "./error-line.ts";

const BASE = `name: h
duration: 1s
cluster: { brokers: 1 }
topics:
  - { name: t, partitions: 1, replicationFactor: 1 }
`;

const errorOf = errorLineOf;

const load = (text: string, overrides: string[] = []) => () => loadScenario(text, "h.yaml", overrides);

/** Nine lists of nine aliases, `levels` deep: 9^levels values from a few hundred bytes. */
function laughs(indent: string, levels: number): string {
  const lines = [`${indent}l0: &l0 [x, x, x, x, x, x, x, x, x]`];
  for (let i = 1; i <= levels; i++) lines.push(`${indent}l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(", ")}]`);
  return lines.join("\n");
}

describe("hostile YAML", () => {
  it.each([
    ["an alias bomb under cluster.config", BASE.replace("{ brokers: 1 }", `\n  brokers: 1\n  config:\n${laughs("    ", 8)}`), /h\.yaml:\d+:\d+: at cluster\.config\.l\d: YAML aliases expand this value to more than 1,000,000 values/],
    ["an alias bomb at the top level", `${BASE}${laughs("", 8)}\n`, /at l\d: YAML aliases expand this value to more than 1,000,000 values/],
    ["an alias inside its own anchor", BASE.replace("{ brokers: 1 }", "&a { brokers: 1, config: { x: [*a] } }"), /at cluster\.config\.x\.0: the alias \*a refers to a value that contains the alias itself/],
    ["a config value that is a map", BASE.replace("{ brokers: 1 }", "{ brokers: 1, config: { num.io.threads: { a: 1 } } }"), /at cluster\.config\.num\.io\.threads: a config value is a single value or a list of values, got a map/],
    ["lists nested 300 deep", `${BASE}expect: ${"[".repeat(300)}${"]".repeat(300)}\n`, /at expect\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0… \(65 levels\): maps and lists nest more than 64 levels deep/],
    ["lists nested 5000 deep", `${BASE}expect: ${"[".repeat(5000)}${"]".repeat(5000)}\n`, /nest too deeply to read \(more than 64 levels\)/],
    ["a second document", `${BASE}---\nname: other\n`, /h\.yaml:6:1: a scenario file holds one YAML document, and a second one starts here/],
    ["NUL characters", `${BASE}\u0000\u0000`, /h\.yaml:6:1: the file holds NUL characters, so it is not UTF-8 text \(saved as UTF-16\?\): save it as UTF-8/],
    ["an ANSI escape in the name", BASE.replace("name: h", 'name: "h\\e[2J\\e]0;title\\a"'), /^h\.yaml:1:7: at name: must not hold control characters, got "h\\u001b\[2J\\u001b\]0;title\\u0007"$/],
    ["a newline and an escape in an unknown key", `${BASE}"a\\nb\\e[2J": 1\n`, /^h\.yaml:6:1: at a\\nb\\u001b\[2J: unknown key "a b\\u001b\[2J"/],
    ["a bidi override in a description", `${BASE}description: "abc\\u202Edef"\n`, /at description: must not hold control characters other than newlines and tabs/],
  ])("%s", (_name, text, expected) => {
    const started = performance.now();
    const line = errorOf(load(text));
    expect(line).toMatch(expected);
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("a --set path with a newline stays one line", () => {
    expect(errorOf(load(BASE, ["cluster.x\ny=1"]))).toMatch(/^--set:1:9: at cluster\.x\\ny: unknown key/);
  });

  it("a description keeps its newlines and tabs", () => {
    expect(errorOf(load(`${BASE}description: "one\\n\\ttwo"\n`))).toBe("accepted");
  });

  it.each([
    ["UTF-16 LE with its byte-order mark", new Uint8Array([0xff, 0xfe, 0x6e, 0x00]), /^x\.yaml:1:1: the file is UTF-16 text: save it as UTF-8$/],
    ["UTF-16 BE with its byte-order mark", new Uint8Array([0xfe, 0xff, 0x00, 0x6e]), /the file is UTF-16 text/],
    ["Latin-1 bytes", new TextEncoder().encode("name: x\nkey: caf").reduce((a, b) => [...a, b], [] as number[]).concat([0xe9, 0x0a]), /^x\.yaml:2:1: the file is not UTF-8 text \(byte 16 is not valid UTF-8\): save it as UTF-8$/],
  ])("%s", (_name, bytes, expected) => {
    expect(errorOf(() => decodeUtf8(Uint8Array.from(bytes), "x.yaml"))).toMatch(expected);
  });

  it("a UTF-8 byte-order mark is dropped", () => {
    expect(decodeUtf8(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]), "x.yaml")).toBe("a");
  });
});
