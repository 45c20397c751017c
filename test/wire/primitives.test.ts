// Kafka's primitive encodings: the varint, varlong and unsigned varint vectors are
// org.apache.kafka.common.utils.ByteUtilsTest's (testUnsignedVarintSerde, testVarintSerde,
// testVarlongSerde); the CRC-32C value is Crc32CTest.testValue's.
import { describe, expect, it } from "vitest";
import { ByteReader } from "../../core/wire/byte-reader.ts";
import { ByteWriter } from "../../core/wire/byte-writer.ts";
import { crc32c } from "../../core/wire/crc32c.ts";
import { WireFormatError } from "../../core/wire/wire-format-error.ts";

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe("unsigned varint (ByteUtilsTest.testUnsignedVarintSerde)", () => {
  const cases: [number, Uint8Array][] = [
    [0, bytes(0x00)], [-1, bytes(0xff, 0xff, 0xff, 0xff, 0x0f)], [1, bytes(0x01)], [63, bytes(0x3f)],
    [-64, bytes(0xc0, 0xff, 0xff, 0xff, 0x0f)], [64, bytes(0x40)], [8191, bytes(0xff, 0x3f)],
    [-8192, bytes(0x80, 0xc0, 0xff, 0xff, 0x0f)], [8192, bytes(0x80, 0x40)], [-8193, bytes(0xff, 0xbf, 0xff, 0xff, 0x0f)],
    [1048575, bytes(0xff, 0xff, 0x3f)], [1048576, bytes(0x80, 0x80, 0x40)],
    [2147483647, bytes(0xff, 0xff, 0xff, 0xff, 0x07)], [-2147483648, bytes(0x80, 0x80, 0x80, 0x80, 0x08)],
  ];
  for (const [value, expected] of cases) {
    it(`unsignedVarint(${value})`, () => {
      expect(new ByteWriter().unsignedVarint(value).finish()).toEqual(expected);
      expect(new ByteReader(expected).unsignedVarint() | 0).toBe(value);
    });
  }
});

describe("varint (ByteUtilsTest.testVarintSerde)", () => {
  const cases: [number, Uint8Array][] = [
    [0, bytes(0x00)], [-1, bytes(0x01)], [1, bytes(0x02)], [63, bytes(0x7e)], [-64, bytes(0x7f)],
    [64, bytes(0x80, 0x01)], [-65, bytes(0x81, 0x01)], [8191, bytes(0xfe, 0x7f)], [-8192, bytes(0xff, 0x7f)],
    [8192, bytes(0x80, 0x80, 0x01)], [-8193, bytes(0x81, 0x80, 0x01)], [1048575, bytes(0xfe, 0xff, 0x7f)],
    [-1048576, bytes(0xff, 0xff, 0x7f)], [1048576, bytes(0x80, 0x80, 0x80, 0x01)], [-1048577, bytes(0x81, 0x80, 0x80, 0x01)],
    [134217727, bytes(0xfe, 0xff, 0xff, 0x7f)], [-134217728, bytes(0xff, 0xff, 0xff, 0x7f)],
    [134217728, bytes(0x80, 0x80, 0x80, 0x80, 0x01)], [-134217729, bytes(0x81, 0x80, 0x80, 0x80, 0x01)],
    [2147483647, bytes(0xfe, 0xff, 0xff, 0xff, 0x0f)], [-2147483648, bytes(0xff, 0xff, 0xff, 0xff, 0x0f)],
  ];
  for (const [value, expected] of cases) {
    it(`varint(${value})`, () => {
      expect(new ByteWriter().varint(value).finish()).toEqual(expected);
      expect(new ByteReader(expected).varint()).toBe(value);
    });
  }
});

describe("varlong (ByteUtilsTest.testVarlongSerde, the values below 2^53)", () => {
  const cases: [number, Uint8Array][] = [
    [0, bytes(0x00)], [-1, bytes(0x01)], [1, bytes(0x02)], [63, bytes(0x7e)], [-64, bytes(0x7f)],
    [64, bytes(0x80, 0x01)], [-65, bytes(0x81, 0x01)], [2147483647, bytes(0xfe, 0xff, 0xff, 0xff, 0x0f)],
    [-2147483648, bytes(0xff, 0xff, 0xff, 0xff, 0x0f)],
    [17179869183, bytes(0xfe, 0xff, 0xff, 0xff, 0x7f)], [-17179869184, bytes(0xff, 0xff, 0xff, 0xff, 0x7f)],
    [17179869184, bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x01)], [-17179869185, bytes(0x81, 0x80, 0x80, 0x80, 0x80, 0x01)],
    [2199023255551, bytes(0xfe, 0xff, 0xff, 0xff, 0xff, 0x7f)], [-2199023255552, bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0x7f)],
    [2199023255552, bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01)],
    [281474976710655, bytes(0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f)], [-281474976710656, bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f)],
    [281474976710656, bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01)],
    [-281474976710657, bytes(0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01)],
  ];
  for (const [value, expected] of cases) {
    it(`varlong(${value})`, () => {
      expect(new ByteWriter().varlong(value).finish()).toEqual(expected);
      expect(new ByteReader(expected).varlong()).toBe(value);
    });
  }
});

describe("fixed-width integers are big-endian (Kafka's ByteBuffer order)", () => {
  it("int16, int32, uint32 and int64 write their bytes high first", () => {
    const w = new ByteWriter().int16(-2).int32(0x01020304).uint32(0xfffffffe).int64(-2);
    expect(w.finish()).toEqual(bytes(0xff, 0xfe, 1, 2, 3, 4, 0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe));
    const r = new ByteReader(w.finish());
    expect([r.int16(), r.int32(), r.uint32(), r.int64()]).toEqual([-2, 0x01020304, 0xfffffffe, -2]);
  });
});

describe("reads past the end and overlong varints throw WireFormatError", () => {
  it("int32 from 3 bytes", () => {
    expect(() => new ByteReader(bytes(1, 2, 3)).int32()).toThrow(WireFormatError);
  });
  it("a varint of 6 continuation bytes (ByteUtilsTest.testInvalidVarint)", () => {
    expect(() => new ByteReader(bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0x01)).varint()).toThrow(WireFormatError);
  });
  it("a varlong of 11 bytes (ByteUtilsTest.testInvalidVarlong)", () => {
    expect(() => new ByteReader(bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01)).varlong()).toThrow(WireFormatError);
  });
});

describe("crc32c (Crc32CTest)", () => {
  it('crc32c("Some String") is 608512271 (testValue)', () => {
    expect(crc32c(new TextEncoder().encode("Some String"))).toBe(608512271);
  });
  it("the standard check value: crc32c(\"123456789\") is 0xE3069283 (RFC 3720 B.4)", () => {
    expect(crc32c(new TextEncoder().encode("123456789"))).toBe(0xe3069283);
  });
});

describe("ByteWriter grows", () => {
  it("keeps every byte written across a growth (varints, raw bytes and integers from a 1-byte start)", () => {
    const w = new ByteWriter(1);
    const raw = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
    w.unsignedVarint(300).raw(raw).varlong(-281474976710657).varint(-65).int32(7);
    const r = new ByteReader(w.finish());
    expect(r.unsignedVarint()).toBe(300);
    expect(r.raw(300)).toEqual(raw);
    expect([r.varlong(), r.varint(), r.int32()]).toEqual([-281474976710657, -65, 7]);
  });

  it("keeps fixed-width integers written at each growth", () => {
    const w = new ByteWriter(1);
    for (let i = 1; i <= 100; i++) w.int8(i).int16(-i).int32(i * 1000).int64(-i * 1e9).uint32(i).float64(i / 2);
    const r = new ByteReader(w.finish());
    for (let i = 1; i <= 100; i++) expect([r.int8(), r.int16(), r.int32(), r.int64(), r.uint32(), r.float64()]).toEqual([i, -i, i * 1000, -i * 1e9, i, i / 2]);
  });
});
