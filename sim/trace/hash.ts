// A running 64-bit hash (two 32-bit FNV-1a lanes with different offsets) over trace events.
// Fields are walked in their insertion order, which is fixed by the code that builds them,
// so the same history hashes the same in Node and in every browser without JSON.stringify.

import type { TraceFields } from "../../core/env.ts";

const FNV_PRIME = 0x01000193;

export class TraceHash {
  private lo = 0x811c9dc5 | 0;
  private hi = 0x050c5d1f | 0;

  private mixInt(x: number): void {
    for (let k = 0; k < 4; k++) {
      const byte = (x >>> (k * 8)) & 0xff;
      this.lo = Math.imul(this.lo ^ byte, FNV_PRIME);
      this.hi = Math.imul(this.hi ^ byte ^ 0x5a, FNV_PRIME);
    }
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
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      this.lo = Math.imul(this.lo ^ c, FNV_PRIME);
      this.hi = Math.imul(this.hi ^ c ^ 0x5a, FNV_PRIME);
    }
    this.mixInt(s.length);
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

  add(timeUs: number, node: string, event: TraceFields): void {
    this.mixNumber(timeUs);
    this.mixString(node);
    for (const key in event) {
      this.mixString(key);
      this.mixValue(event[key]);
    }
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
