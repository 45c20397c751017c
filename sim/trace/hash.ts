// A running 64-bit hash over trace events: two 32-bit lanes, each taking one 32-bit word per
// step (xor, multiply by an odd constant, xorshift: a bijection of the lane for any word, so
// one differing word always changes the lane, and the lanes' different constants make a
// chance collision of both ~2^-64). Strings go in two UTF-16 units per word. Field values are
// walked in insertion order, which the code that builds them fixes, so the same history
// hashes the same in Node and in every browser without JSON.stringify. One step per word,
// not per byte: hashing runs for every event and message of every run.

import { fieldsOf, type TraceEvent } from "../../core/trace/index.ts";

export class TraceHash {
  private lo = 0x811c9dc5 | 0;
  private hi = 0x050c5d1f | 0;

  private mixInt(x: number): void {
    const lo = Math.imul(this.lo ^ x, 0x85ebca6b);
    this.lo = lo ^ (lo >>> 13);
    const hi = Math.imul(this.hi ^ x, 0xc2b2ae35);
    this.hi = hi ^ (hi >>> 16);
  }

  private mixNumber(x: number): void {
    if (Number.isInteger(x) && x >= -2147483648 && x <= 2147483647) {
      this.mixInt(x);
    } else if (Number.isFinite(x)) {
      // Two 32-bit halves of the value's integer and fractional scale: exact for the
      // integers up to 2^53 the sim uses, stable for any float.
      const high = Math.floor(x / 4294967296);
      this.mixInt(high | 0);
      this.mixInt((x - high * 4294967296) >>> 0);
      this.mixInt(Math.round((x - Math.trunc(x)) * 1e6) | 0);
    } else {
      this.mixInt(Number.isNaN(x) ? 0x7ff80000 : x > 0 ? 0x7ff00000 : 0xfff00000);
    }
  }

  private mixString(s: string): void {
    const n = s.length;
    let i = 0;
    for (; i + 1 < n; i += 2) this.mixInt(s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
    if (i < n) this.mixInt(s.charCodeAt(i));
    this.mixInt(n);
  }

  private mixValue(v: unknown): void {
    switch (typeof v) {
      case "number":
        this.mixNumber(v);
        return;
      case "string":
        this.mixString(v);
        return;
      case "boolean":
        this.mixInt(v ? 0x7472 : 0x6661);
        return;
      default:
        if (v === null || v === undefined) {
          this.mixInt(0x6e75);
        } else if (Array.isArray(v)) {
          this.mixInt(v.length);
          for (const item of v) this.mixValue(item);
        } else {
          this.mixString(String(v));
        }
    }
  }

  add(timeUs: number, node: string, event: TraceEvent): void {
    this.mixNumber(timeUs);
    this.mixString(node);
    // Values only, in field order: the names are fixed by the code at each emit site (by
    // `kind`), so they tell nothing a replay could differ in; the count marks absent fields.
    const values = fieldsOf(event);
    let fields = 0;
    for (const key in values) {
      this.mixValue(values[key]);
      fields++;
    }
    this.mixInt(fields);
  }

  addMessage(timeUs: number, from: string, to: string, msgKind: string, arrivalUs: number): void {
    this.mixNumber(timeUs);
    this.mixString(from);
    this.mixString(to);
    this.mixString(msgKind);
    this.mixNumber(arrivalUs);
  }

  hex(): string {
    return (this.hi >>> 0).toString(16).padStart(8, "0") + (this.lo >>> 0).toString(16).padStart(8, "0");
  }
}
