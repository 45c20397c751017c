// `--set a.b.0.c=value`: edits the parsed YAML document before validation, so an
// override is checked exactly like the file. The value is read as YAML (`acks=1` is the
// number 1, `rate=2000/s` a string, `groups=[[1],[2,3]]` a flow list). Missing map keys
// are created; the schema then refuses unknown ones like any other. Under `config`,
// `expect` and a caption's `when`, whose keys contain dots, the rest of the path is one key
// (`producers.0.config.linger.ms=10`); elsewhere an existing dotted key is matched first.
// Every node an override creates remembers its column in the override, so errors point there.

import { isMap, isScalar, isSeq, Pair, parseDocument, Scalar, visit, YAMLMap, type Document, type Node } from "yaml";
import { ScenarioError } from "./errors.ts";
import type { SetOrigins } from "./node-reader.ts";

const DOTTED_KEY_PARENTS = ["config", "expect", "when"];

interface Segment {
  readonly name: string;
  /** 1-based column in the override text. */
  readonly column: number;
}

export function applyOverrides(doc: Document, overrides: readonly string[], origins: SetOrigins): void {
  overrides.forEach((text, index) => new Override(doc, text, index, origins).apply());
}

class Override {
  constructor(
    private readonly doc: Document,
    private readonly text: string,
    private readonly index: number,
    private readonly origins: SetOrigins,
  ) {}

  apply(): void {
    const eq = this.text.indexOf("=");
    if (eq <= 0) this.fail(1, [], "expected key.path=value, like producers.0.config.acks=1");
    const segments = this.segments(this.text.slice(0, eq));
    const value = this.value(this.text.slice(eq + 1), eq + 2, segments);
    if (this.doc.contents === null) this.doc.contents = this.mark(new YAMLMap(), 1) as never;
    this.walk(this.doc.contents as Node, segments, 0, value);
  }

  private segments(path: string): Segment[] {
    const out: Segment[] = [];
    let column = 1;
    const names = path.split(".");
    names.forEach((name, i) => {
      if (name.trim() === "") this.fail(column, out.map((s) => s.name), i === 0 ? "the path starts with an empty key" : "empty key in the path (two dots in a row?)");
      out.push({ name: name.trim(), column });
      column += name.length + 1;
    });
    return out;
  }

  private value(text: string, column: number, segments: readonly Segment[]): Node {
    const parsed = parseDocument(text, { prettyErrors: false });
    const error = parsed.errors[0];
    if (error !== undefined) this.fail(column + error.pos[0], segments.map((s) => s.name), `the value is not valid YAML: ${error.message}`);
    const node = (parsed.contents as Node | null) ?? new Scalar(null);
    if (parsed.contents === null) this.mark(node, column);
    visit(parsed, {
      Node: (_key, n) => {
        this.mark(n, column + (n.range?.[0] ?? 0));
      },
    });
    return node;
  }

  private walk(start: Node, segments: readonly Segment[], from: number, value: Node): void {
    let cur: Node = start;
    let i = from;
    for (;;) {
      const seg = segments[i];
      if (seg === undefined) return;
      const done = segments.slice(0, i).map((s) => s.name);
      if (isSeq(cur)) {
        const items: unknown[] = cur.items;
        const idx = this.listIndex(items.length, seg, done);
        if (i === segments.length - 1) {
          items[idx] = value;
          return;
        }
        cur = this.descend(items[idx] as Node | null, segments[i + 1] ?? seg, (n) => (items[idx] = n));
        i += 1;
      } else if (isMap(cur)) {
        const map: YAMLMap = cur;
        const found = this.findKey(map, segments, i);
        const end = found?.end ?? this.newKeyEnd(segments, i);
        const pair = found?.pair ?? this.addKey(map, segments, i, end);
        if (end === segments.length) {
          pair.value = value;
          return;
        }
        cur = this.descend(pair.value as Node | null, segments[end] ?? seg, (n) => (pair.value = n));
        i = end;
      } else {
        const what = isScalar(cur) ? `the value ${JSON.stringify(cur.value)}` : "not a map or list";
        this.fail(seg.column, done, `${done.join(".") || "the top level"} is ${what}; it has no key "${seg.name}"`);
      }
    }
  }

  private listIndex(length: number, seg: Segment, done: readonly string[]): number {
    if (!/^\d+$/.test(seg.name)) this.fail(seg.column, done, `${done.join(".")} is a list: expected an index, got "${seg.name}"`);
    const idx = Number(seg.name);
    // Index == length appends an item (the visualizer adds interventions to faults this way).
    if (idx > length) this.fail(seg.column, done, `${done.join(".")} has ${length} item(s), numbered from 0; there is no item ${idx} (use ${length} to append one)`);
    return idx;
  }

  /** The next container; an empty value (`config:` with nothing) becomes a new map. */
  private descend(next: Node | null, seg: Segment, replace: (n: Node) => void): Node {
    if (next !== null && !(isScalar(next) && next.value === null)) return next;
    const map = this.mark(new YAMLMap(), seg.column);
    replace(map);
    return map;
  }

  /** The longest run of segments from `i` that names an existing key. */
  private findKey(map: YAMLMap, segments: readonly Segment[], i: number): { pair: Pair; end: number } | null {
    for (let end = segments.length; end > i; end--) {
      const key = segments.slice(i, end).map((s) => s.name).join(".");
      const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      if (pair !== undefined) return { pair: pair as Pair, end };
    }
    return null;
  }

  private newKeyEnd(segments: readonly Segment[], i: number): number {
    return DOTTED_KEY_PARENTS.includes(segments[i - 1]?.name ?? "") ? segments.length : i + 1;
  }

  private addKey(map: YAMLMap, segments: readonly Segment[], i: number, end: number): Pair {
    const column = segments[i]?.column ?? 1;
    const key = this.mark(new Scalar(segments.slice(i, end).map((s) => s.name).join(".")), column);
    const pair = new Pair(key, null);
    map.items.push(pair);
    return pair;
  }

  private mark<T extends Node>(node: T, column: number): T {
    this.origins.set(node, { index: this.index, column, text: this.text });
    return node;
  }

  private fail(column: number, path: readonly string[], message: string): never {
    throw new ScenarioError("--set", this.index + 1, column, path.join("."), `${message} (in --set ${this.text})`);
  }
}
