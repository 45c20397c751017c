import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { murmur2, toPositive } from "../../core/partitioner/murmur2.ts";
import { utf8Bytes } from "../../core/partitioner/utf8.ts";

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

// Kafka's UtilsTest.testMurmur2 (clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java).
const KAFKA_UTILS_TEST_VECTORS: ReadonlyArray<[Uint8Array, number]> = [
  [ascii("21"), -973932308],
  [ascii("foobar"), -790332482],
  [ascii("a-little-bit-long-string"), -985981536],
  [ascii("a-little-bit-longer-string"), -1486304829],
  [ascii("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8"), -58897971],
  [Uint8Array.of(0x61, 0x62, 0x63), 479470107],
];

describe("murmur2", () => {
  it.each(KAFKA_UTILS_TEST_VECTORS)("murmur2(%o) matches UtilsTest.testMurmur2", (bytes, expected) => {
    expect(murmur2(bytes)).toBe(expected);
  });

  it("covers every tail length 0..3 (the Java switch fall-through)", () => {
    // lengths 2 (tail 2), 6 (tail 2), 24 (tail 0), 26 (tail 2), 48 (tail 0), 3 (tail 3) come from
    // UtilsTest; the tail-1 case is checked against its own definition below.
    expect(KAFKA_UTILS_TEST_VECTORS.map(([b]) => b.length % 4).sort()).toEqual([0, 0, 2, 2, 2, 3]);
    const one = murmur2(Uint8Array.of(0x61));
    let h = 0x9747b28c ^ 1;
    h ^= 0x61;
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 15;
    expect(one).toBe(h | 0);
  });

  it("always returns a signed 32-bit integer", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const h = murmur2(bytes);
        expect(Number.isInteger(h) && h >= -(2 ** 31) && h < 2 ** 31).toBe(true);
      }),
    );
  });

  it("hashes the UTF-8 bytes of a String key like StringSerializer", () => {
    expect(murmur2(utf8Bytes("foobar"))).toBe(-790332482);
  });
});

describe("toPositive", () => {
  it("clears the sign bit instead of taking the absolute value (Utils.toPositive)", () => {
    expect(toPositive(-1)).toBe(2147483647);
    expect(toPositive(-2147483648)).toBe(0);
    expect(toPositive(2147483647)).toBe(2147483647);
    expect(toPositive(-973932308)).toBe(-973932308 & 0x7fffffff);
    expect(toPositive(0)).toBe(0);
  });
});

describe("utf8Bytes", () => {
  it("matches TextEncoder on well-formed strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        expect(Array.from(utf8Bytes(s))).toEqual(Array.from(new TextEncoder().encode(s)));
      }),
    );
  });

  it("encodes an unpaired surrogate as '?' like Java's String.getBytes(UTF_8)", () => {
    expect(Array.from(utf8Bytes("a\ud800b"))).toEqual([0x61, 0x3f, 0x62]);
    expect(Array.from(utf8Bytes("\udc00"))).toEqual([0x3f]);
    expect(Array.from(utf8Bytes("\ud83d\ude00"))).toEqual([0xf0, 0x9f, 0x98, 0x80]);
  });
});
