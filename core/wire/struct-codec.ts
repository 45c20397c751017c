// Encodes and decodes any struct of a message spec at one version, as Kafka's generated
// Message classes do (org.apache.kafka.message.MessageDataGenerator): fields in spec order, each
// present only in its `versions`; in flexible versions strings, bytes and arrays are compact
// (unsigned varint length + 1, 0 for null) and every struct ends with its tagged fields
// (count, then tag, size and value per field, in tag order, written only when not the default).
// Fields absent from the version, or tagged and not sent, decode to their default.

import { ByteReader } from "./byte-reader.ts";
import { ByteWriter, utf8Bytes } from "./byte-writer.ts";
import { inVersions, type FieldSpec, type MessageSpec } from "./message-spec.ts";
import { WireFormatError } from "./wire-format-error.ts";
import type { WireStruct, WireValue } from "./wire-value.ts";

/** Where a struct's field list and the spec's common structs come from. */
export interface StructContext {
  readonly spec: MessageSpec;
  readonly version: number;
  readonly flexible: boolean;
}

/** Upper bound on decoded array lengths, so a lying count cannot allocate gigabytes. */
const MAX_ARRAY_LENGTH = 1 << 20;
const ZERO_UUID = new Uint8Array(16);

export function contextFor(spec: MessageSpec, version: number): StructContext {
  return { spec, version, flexible: inVersions(spec.flexibleVersions, version) };
}

function elementType(type: string): string | null {
  return type.startsWith("[]") ? type.slice(2) : null;
}

const PRIMITIVES = new Set(["int8", "int16", "uint16", "int32", "uint32", "int64", "float64", "bool", "string", "bytes", "records", "uuid"]);

function structFields(ctx: StructContext, field: FieldSpec, type: string): readonly FieldSpec[] {
  if (field.fields !== undefined) return field.fields;
  const common = ctx.spec.commonStructs?.find((s) => s.name === type);
  if (common === undefined) throw new Error(`${ctx.spec.name}: no struct ${type} for field ${field.name}`);
  return common.fields;
}

function fieldFlexible(ctx: StructContext, field: FieldSpec): boolean {
  return field.flexibleVersions === undefined ? ctx.flexible : inVersions(field.flexibleVersions, ctx.version);
}

const nullable = (ctx: StructContext, field: FieldSpec): boolean => inVersions(field.nullableVersions, ctx.version);
const tagged = (ctx: StructContext, field: FieldSpec): boolean => inVersions(field.taggedVersions, ctx.version);

/** The value a field takes when absent (FieldSpec.defaultString, typed). */
export function defaultValue(ctx: StructContext, field: FieldSpec): WireValue {
  const d = field.default;
  if (d === "null") return null;
  const el = elementType(field.type);
  if (el !== null) return [];
  switch (field.type) {
    case "bool":
      return d === true || d === "true";
    case "string":
      return d === undefined ? "" : String(d);
    case "bytes":
    case "records":
      return nullable(ctx, field) ? null : new Uint8Array(0);
    case "uuid":
      return ZERO_UUID;
    case "int8": case "int16": case "uint16": case "int32": case "uint32": case "int64": case "float64":
      return d === undefined || d === "" ? 0 : Number(d);
    default:
      return defaultStruct(ctx, structFields(ctx, field, field.type));
  }
}

export function defaultStruct(ctx: StructContext, fields: readonly FieldSpec[]): WireStruct {
  const out: Record<string, WireValue> = {};
  for (const f of fields) out[f.name] = defaultValue(ctx, f);
  return out;
}

// ---- decoding ---------------------------------------------------------------------------

export function readStruct(r: ByteReader, ctx: StructContext, fields: readonly FieldSpec[]): WireStruct {
  const out: Record<string, WireValue> = {};
  for (const f of fields) {
    if (!inVersions(f.versions, ctx.version) || tagged(ctx, f)) out[f.name] = defaultValue(ctx, f);
    else out[f.name] = readField(r, ctx, f, f.type);
  }
  if (ctx.flexible) readTaggedFields(r, ctx, fields, out);
  return out;
}

function readTaggedFields(r: ByteReader, ctx: StructContext, fields: readonly FieldSpec[], out: Record<string, WireValue>): void {
  const count = r.unsignedVarint();
  for (let i = 0; i < count; i++) {
    const tag = r.unsignedVarint();
    const size = r.unsignedVarint();
    const field = fields.find((f) => f.tag === tag && tagged(ctx, f));
    if (field === undefined) {
      r.raw(size); // an unknown tag is skipped, as Kafka's _unknownTaggedFields keeps it aside
      continue;
    }
    const sub = new ByteReader(r.raw(size));
    out[field.name] = readField(sub, ctx, field, field.type);
  }
}

function readLength(r: ByteReader, flexible: boolean, wide: boolean): number {
  if (flexible) return r.unsignedVarint() - 1;
  return wide ? r.int32() : r.int16();
}

function readField(r: ByteReader, ctx: StructContext, field: FieldSpec, type: string): WireValue {
  const flexible = fieldFlexible(ctx, field);
  const el = elementType(type);
  if (el !== null) {
    const n = readLength(r, flexible, true);
    if (n < 0) {
      if (!nullable(ctx, field)) throw new WireFormatError(`non-nullable field ${field.name} was null`);
      return null;
    }
    if (n > MAX_ARRAY_LENGTH || n > r.remaining) throw new WireFormatError(`array ${field.name} of ${n} elements exceeds the frame`);
    const items: WireValue[] = [];
    for (let i = 0; i < n; i++) items.push(readElement(r, ctx, field, el));
    return items;
  }
  return readElement(r, ctx, field, type);
}

function readElement(r: ByteReader, ctx: StructContext, field: FieldSpec, type: string): WireValue {
  const flexible = fieldFlexible(ctx, field);
  switch (type) {
    case "int8": return r.int8();
    case "int16": return r.int16();
    case "uint16": return r.uint16();
    case "int32": return r.int32();
    case "uint32": return r.uint32();
    case "int64": return r.int64();
    case "float64": return r.float64();
    case "bool": return r.int8() !== 0;
    case "uuid": return r.uuid();
    case "string": {
      const n = readLength(r, flexible, false);
      if (n < 0) {
        if (!nullable(ctx, field)) throw new WireFormatError(`non-nullable string ${field.name} was null`);
        return null;
      }
      return r.utf8(n);
    }
    case "bytes":
    case "records": {
      const n = readLength(r, flexible, true);
      if (n < 0) {
        if (!nullable(ctx, field)) throw new WireFormatError(`non-nullable bytes ${field.name} were null`);
        return null;
      }
      return r.raw(n).slice();
    }
    default: {
      if (nullable(ctx, field) && !elementType(field.type) && r.int8() < 0) return null;
      return readStruct(r, ctx, structFields(ctx, field, type));
    }
  }
}

// ---- encoding ---------------------------------------------------------------------------

export function writeStruct(w: ByteWriter, ctx: StructContext, fields: readonly FieldSpec[], value: WireStruct): void {
  const taggedFields: FieldSpec[] = [];
  for (const f of fields) {
    if (!inVersions(f.versions, ctx.version)) continue;
    if (tagged(ctx, f)) {
      if (!isDefault(ctx, f, value[f.name])) taggedFields.push(f);
      continue;
    }
    const v = value[f.name];
    writeField(w, ctx, f, f.type, v === undefined ? defaultValue(ctx, f) : v);
  }
  if (!ctx.flexible) return;
  taggedFields.sort((a, b) => (a.tag ?? 0) - (b.tag ?? 0));
  w.unsignedVarint(taggedFields.length);
  for (const f of taggedFields) {
    const sub = new ByteWriter();
    writeField(sub, ctx, f, f.type, value[f.name]!);
    const bytes = sub.finish();
    w.unsignedVarint(f.tag ?? 0).unsignedVarint(bytes.length).raw(bytes);
  }
}

function isDefault(ctx: StructContext, field: FieldSpec, v: WireValue | undefined): boolean {
  if (v === undefined) return true;
  const d = defaultValue(ctx, field);
  if (Array.isArray(v)) return v.length === 0 && d !== null;
  if (v instanceof Uint8Array) return d instanceof Uint8Array && v.length === d.length && v.every((b, i) => b === d[i]);
  if (v !== null && typeof v === "object") {
    const fields = structFields(ctx, field, field.type);
    return fields.every((f) => !inVersions(f.versions, ctx.version) || isDefault(ctx, f, (v as WireStruct)[f.name]));
  }
  return v === d;
}

function writeLength(w: ByteWriter, flexible: boolean, wide: boolean, n: number): void {
  if (flexible) w.unsignedVarint(n + 1);
  else if (wide) w.int32(n);
  else w.int16(n);
}

function writeField(w: ByteWriter, ctx: StructContext, field: FieldSpec, type: string, v: WireValue): void {
  const el = elementType(type);
  if (el === null) return writeElement(w, ctx, field, type, v);
  const flexible = fieldFlexible(ctx, field);
  if (v === null) {
    if (!nullable(ctx, field)) throw new Error(`${ctx.spec.name}.${field.name} is not nullable at v${ctx.version}`);
    return writeLength(w, flexible, true, -1);
  }
  const items = v as readonly WireValue[];
  writeLength(w, flexible, true, items.length);
  for (const item of items) writeElement(w, ctx, field, el, item);
}

function writeElement(w: ByteWriter, ctx: StructContext, field: FieldSpec, type: string, v: WireValue): void {
  const flexible = fieldFlexible(ctx, field);
  switch (type) {
    case "int8": w.int8(v as number); return;
    case "int16": w.int16(v as number); return;
    case "uint16": w.uint16(v as number); return;
    case "int32": w.int32(v as number); return;
    case "uint32": w.uint32(v as number); return;
    case "int64": w.int64(v as number); return;
    case "float64": w.float64(v as number); return;
    case "bool": w.int8(v === true ? 1 : 0); return;
    case "uuid": w.raw(v as Uint8Array); return;
    case "string": {
      if (v === null) return writeLength(w, flexible, false, -1);
      const bytes = utf8Bytes(v as string);
      writeLength(w, flexible, false, bytes.length);
      w.raw(bytes);
      return;
    }
    case "bytes":
    case "records": {
      if (v === null) return writeLength(w, flexible, true, -1);
      const bytes = v as Uint8Array;
      writeLength(w, flexible, true, bytes.length);
      w.raw(bytes);
      return;
    }
    default: {
      if (!PRIMITIVES.has(type) && nullable(ctx, field) && elementType(field.type) === null) {
        w.int8(v === null ? -1 : 1);
        if (v === null) return;
      }
      writeStruct(w, ctx, structFields(ctx, field, type), v as WireStruct);
    }
  }
}
