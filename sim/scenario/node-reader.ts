// Reading the YAML document node by node, so that every value keeps its place in the
// file. `Field` is one value at a key path; `MapView` a map whose unknown keys are
// refused with a suggestion. Anything wrong throws a ScenarioError located at the node
// (or at the enclosing map when the key is missing). Nodes created by `--set` carry
// their place in the override string instead (see set-override.ts).

import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type YAMLMap } from "yaml";
import type { ScenarioWarning } from "./scenario-warning.ts";
import { didYouMean } from "./did-you-mean.ts";
import { ScenarioError } from "./errors.ts";
import type { Loc } from "./types.ts";
import { controlCharacterIn } from "./printable.ts";
import { defaultRunLimits, type RunLimits } from "./run-limits.ts";
import { describe } from "./units.ts";

export type PathPart = string | number;

/** Where a node created by `--set` came from: override number (0-based), 1-based column, text. */
export interface SetOrigin {
  readonly index: number;
  readonly column: number;
  readonly text: string;
}
export type SetOrigins = WeakMap<object, SetOrigin>;

export class Source {
  constructor(
    readonly fileName: string,
    readonly lineCounter: LineCounter,
    readonly doc: Document,
    readonly origins: SetOrigins,
    /** What the scenario may ask (run-limits.ts); the schema checks the ones a file states. */
    readonly limits: RunLimits = defaultRunLimits(),
  ) {}

  loc(node: Node | null | undefined): Loc {
    const origin = node == null ? undefined : this.origins.get(node);
    if (origin !== undefined) return { file: "--set", line: origin.index + 1, column: origin.column };
    const start = node?.range?.[0];
    if (start === undefined) return { file: this.fileName, line: 1, column: 1 };
    const pos = this.lineCounter.linePos(start);
    return { file: this.fileName, line: pos.line, column: pos.col };
  }

  /** Warnings met while reading, in file order. */
  readonly warnings: ScenarioWarning[] = [];

  warn(node: Node | null | undefined, path: readonly PathPart[], message: string): void {
    const loc = this.loc(node);
    const origin = node == null ? undefined : this.origins.get(node);
    const detail = origin === undefined ? message : `${message} (in --set ${origin.text})`;
    this.warnings.push({ file: loc.file, line: loc.line, column: loc.column, path: path.join("."), message: detail });
  }

  fail(node: Node | null | undefined, path: readonly PathPart[], message: string): never {
    const loc = this.loc(node);
    const origin = node == null ? undefined : this.origins.get(node);
    const detail = origin === undefined ? message : `${message} (in --set ${origin.text})`;
    throw new ScenarioError(loc.file, loc.line, loc.column, path.join("."), detail);
  }
}

export class Field {
  readonly node: Node | null;

  constructor(
    readonly src: Source,
    node: Node | null | undefined,
    readonly path: readonly PathPart[],
    /** Where to point when the node is missing: the enclosing map. */
    readonly near: Node | null = null,
  ) {
    this.node = isAlias(node) ? ((node.resolve(src.doc) as Node | undefined) ?? null) : (node ?? null);
  }

  get pathText(): string {
    return this.path.join(".");
  }

  /** Absent, or an explicit YAML null (`key:` with nothing after it). */
  get missing(): boolean {
    return this.node === null || (isScalar(this.node) && this.node.value === null);
  }

  get loc(): Loc {
    return this.src.loc(this.node ?? this.near);
  }

  fail(message: string): never {
    return this.src.fail(this.node ?? this.near, this.path, message);
  }

  /** The scalar's value, or undefined for a map or list. */
  get scalar(): unknown {
    return isScalar(this.node) ? this.node.value : undefined;
  }

  get isMap(): boolean {
    return isMap(this.node);
  }

  get isList(): boolean {
    return isSeq(this.node);
  }

  /** What the node is, for messages: a string, a number, a list, a map. */
  describe(): string {
    if (isMap(this.node)) return "a map";
    if (isSeq(this.node)) return "a list";
    return describe(this.scalar);
  }

  map(allowed?: readonly string[]): MapView {
    if (!isMap(this.node)) this.fail(`expected a map of keys, got ${this.describe()}`);
    const view = new MapView(this, this.node as YAMLMap);
    if (allowed !== undefined) view.allowOnly(allowed);
    return view;
  }

  list(): Field[] {
    const node = this.node;
    if (!isSeq(node)) return this.fail(`expected a list, got ${this.describe()}`);
    return node.items.map((item, i) => new Field(this.src, item as Node | null, [...this.path, i], node));
  }

  /** This value as a list; a single value counts as a list of one. */
  listOrOne(): Field[] {
    return isSeq(this.node) ? this.list() : [this];
  }

  string(): string {
    const v = this.scalar;
    if (typeof v !== "string") this.fail(`expected a string, got ${this.describe()}`);
    const s = (v as string).trim();
    if (s === "") this.fail("must not be empty");
    const control = controlCharacterIn(s);
    if (control !== null) this.fail(`must not hold control characters, got ${JSON.stringify(s)}`);
    return s;
  }

  bool(): boolean {
    const v = this.scalar;
    if (typeof v !== "boolean") this.fail(`expected true or false, got ${this.describe()}`);
    return v as boolean;
  }

  number(min: number, max: number): number {
    const v = this.scalar;
    if (typeof v !== "number" || !Number.isFinite(v)) this.fail(`expected a number, got ${this.describe()}`);
    const n = v as number;
    if (n < min) this.fail(`must be at least ${min}, got ${n}`);
    if (n > max) this.fail(`must be at most ${max}, got ${n}`);
    return n;
  }

  int(min: number, max: number): number {
    const n = this.number(min, max);
    if (!Number.isInteger(n)) this.fail(`expected a whole number, got ${n}`);
    return n;
  }

  /** Parses the scalar with `parse` (durations, sizes, rates) or fails with its message. */
  parsed(parse: (input: unknown) => { ok: true; value: number } | { ok: false; error: string }): number {
    if (!isScalar(this.node)) this.fail(`expected a single value, got ${this.describe()}`);
    const result = parse(this.scalar);
    if (!result.ok) this.fail(result.error);
    return result.value;
  }

  /**
   * The value as plain data for a config map, whose values the catalogs coerce: a scalar or a
   * flat list of scalars, as Kafka's config types are. Anything deeper is refused here, before
   * it is expanded, so a YAML alias bomb or a self-referencing alias costs nothing.
   */
  plain(): unknown {
    if (isScalar(this.node)) return this.node.value;
    if (!isSeq(this.node)) return this.node === null ? null : this.fail(`a config value is a single value or a list of values, got ${this.describe()}`);
    return this.list().map((item) => (isScalar(item.node) ? item.node.value : item.fail(`a config list holds single values, got ${item.describe()}`)));
  }
}

export interface MapEntry {
  readonly key: string;
  readonly keyNode: Node;
  readonly value: Field;
}

export class MapView {
  readonly entries: readonly MapEntry[];

  constructor(
    readonly field: Field,
    readonly node: YAMLMap,
  ) {
    this.entries = node.items.map((pair) => {
      const keyNode = pair.key as Node;
      const raw = isScalar(keyNode) ? keyNode.value : undefined;
      if (typeof raw !== "string" && typeof raw !== "number") {
        field.src.fail(keyNode ?? node, field.path, "keys must be plain names");
      }
      const key = String(raw);
      return { key, keyNode, value: new Field(field.src, pair.value as Node | null, [...field.path, key], keyNode) };
    });
  }

  has(key: string): boolean {
    const entry = this.entries.find((e) => e.key === key);
    return entry !== undefined && !entry.value.missing;
  }

  entry(key: string): MapEntry | undefined {
    return this.entries.find((e) => e.key === key);
  }

  /** The value at `key`; a missing one points at this map. */
  get(key: string): Field {
    return this.entry(key)?.value ?? new Field(this.field.src, null, [...this.field.path, key], this.node);
  }

  /** The value at `key`, which must be present and not null. */
  req(key: string, why = ""): Field {
    const f = this.get(key);
    if (f.missing) f.fail(`required key is missing${why === "" ? "" : ` (${why})`}`);
    return f;
  }

  /** `read(field)` when the key is present, else `fallback`. */
  opt<T>(key: string, fallback: T, read: (f: Field) => T): T {
    const f = this.get(key);
    return f.missing ? fallback : read(f);
  }

  allowOnly(allowed: readonly string[]): void {
    for (const e of this.entries) {
      if (!allowed.includes(e.key)) {
        const hint = didYouMean(e.key, allowed);
        const known = hint === "" ? `; known keys: ${allowed.join(", ")}` : hint;
        this.field.src.fail(e.keyNode, e.value.path, `unknown key "${e.key}"${known}`);
      }
    }
  }
}
