import { describe, expect, it } from "vitest";
import { ChunkedColumn } from "../../sim/check/chunked-column.ts";

describe("ChunkedColumn", () => {
  it("reads 0 where nothing was set and keeps values across chunk boundaries", () => {
    const c = new ChunkedColumn(Int32Array);
    expect(c.get(5)).toBe(0);
    for (const i of [0, 65_535, 65_536, 300_001]) c.set(i, i - 7);
    expect([c.get(0), c.get(65_535), c.get(65_536), c.get(300_001), c.get(300_000)]).toEqual([-7, 65_528, 65_529, 299_994, 0]);
  });

  it("allocates whole chunks only as far as the highest index set", () => {
    const c = new ChunkedColumn(Uint8Array);
    c.set(131_071, 1);
    expect(c.capacity).toBe(131_072);
    c.set(131_072, 1);
    expect(c.capacity).toBe(196_608);
  });

  it("widens to a larger integer type keeping every value", () => {
    const c = new ChunkedColumn(Uint16Array);
    c.set(70_000, 65_535);
    c.widen(Int32Array);
    c.set(1, 100_000);
    expect([c.get(70_000), c.get(1)]).toEqual([65_535, 100_000]);
  });
});
