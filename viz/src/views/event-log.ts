// The event log: trace records as text rows, filtered (the high-volume kinds hidden unless
// asked for; free text over node, kind and fields), virtualized so 200,000 records scroll
// like 20. Clicking a row seeks to its time. Text is set as text, never as HTML.

import { fieldsOf, type TraceEvent, type TraceKind } from "../../../core/trace/index.ts";
import type { TraceStore } from "../trace-store.ts";

/** Kinds that fire per batch or per message: shown only when "all events" is on. */
const NOISY = new Set<TraceKind>(["Send", "LeaderAppend", "FollowerFetched", "HighWatermark", "ProduceAcked", "ProduceSent", "RecordsProcessed"]);

/** The known noisy kinds plus any kind that makes up more than 2% of a big trace (kinds the list above has not caught up with). */
function noisyKinds(trace: TraceStore): Set<TraceKind> {
  const counts = new Map<TraceKind, number>();
  for (const e of trace.events) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  const out = new Set(NOISY);
  for (const [kind, n] of counts) if (n > Math.max(500, trace.size * 0.02)) out.add(kind);
  return out;
}

export function formatFields(e: TraceEvent): string {
  const parts: string[] = [];
  const fields = fieldsOf(e);
  for (const k in fields) {
    if (k === "kind") continue;
    const v = fields[k];
    parts.push(`${k}=${Array.isArray(v) ? `[${v.join(",")}]` : String(v)}`);
  }
  return parts.join(" ");
}

export const formatTime = (us: number): string => `${(us / 1e6).toFixed(6)} s`;

export class EventLog {
  readonly root: HTMLDivElement;
  private readonly list: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly input: HTMLInputElement;
  private readonly all: HTMLInputElement;
  private readonly count: HTMLSpanElement;
  private rows: Uint32Array = new Uint32Array(0);
  private current = -1;
  private readonly rowPx = 20;
  private trace: TraceStore | null = null;
  private noisy = NOISY;
  private lastFrom = -1;
  private lastCurrent = -2;
  follow = true;

  constructor(private readonly onSeek: (timeUs: number, record: number) => void) {
    this.root = document.createElement("div");
    this.root.className = "event-log";
    const bar = document.createElement("div");
    bar.className = "log-bar";
    this.input = document.createElement("input");
    this.input.type = "search";
    this.input.placeholder = "filter: kind, node, field…";
    this.input.setAttribute("aria-label", "filter events");
    this.input.setAttribute("data-testid", "log-filter");
    const allLabel = document.createElement("label");
    this.all = document.createElement("input");
    this.all.type = "checkbox";
    allLabel.append(this.all, " all events");
    this.count = document.createElement("span");
    this.count.className = "muted";
    bar.append(this.input, allLabel, this.count);
    this.list = document.createElement("div");
    this.list.className = "log-list";
    this.list.setAttribute("data-testid", "event-log");
    this.list.tabIndex = 0;
    this.spacer = document.createElement("div");
    this.list.append(this.spacer);
    this.root.append(bar, this.list);
    this.input.addEventListener("input", () => this.refilter());
    this.all.addEventListener("change", () => this.refilter());
    this.list.addEventListener("scroll", () => this.paint(true));
    this.list.addEventListener("click", (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>("[data-record]");
      if (row === null || this.trace === null) return;
      const i = Number(row.dataset["record"]);
      this.onSeek(this.trace.time(i), i);
    });
  }

  setTrace(trace: TraceStore): void {
    this.trace = trace;
    this.noisy = noisyKinds(trace);
    this.refilter();
  }

  /** Record indices passing the filter, in time order (step-to-next-event walks these). */
  get filtered(): Uint32Array {
    return this.rows;
  }

  private refilter(): void {
    const trace = this.trace;
    if (trace === null) return;
    const needle = this.input.value.trim().toLowerCase();
    const all = this.all.checked;
    const out: number[] = [];
    for (let i = 0; i < trace.size; i++) {
      const e = trace.event(i);
      if (!all && this.noisy.has(e.kind)) continue;
      if (needle !== "" && !`${trace.node(i)} ${e.kind} ${formatFields(e)}`.toLowerCase().includes(needle)) continue;
      out.push(i);
    }
    this.rows = Uint32Array.from(out);
    this.count.textContent = `${out.length.toLocaleString("en-US")} of ${trace.size.toLocaleString("en-US")}`;
    this.spacer.style.height = `${out.length * this.rowPx}px`;
    this.lastFrom = -1;
    this.paint(true);
  }

  /** Marks the last record at or before t and, when following, scrolls it into view. */
  render(timeUs: number): void {
    const trace = this.trace;
    if (trace === null) return;
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (trace.time(this.rows[mid]!) <= timeUs) lo = mid + 1;
      else hi = mid;
    }
    this.current = lo - 1;
    if (this.follow && this.current !== this.lastCurrent) {
      const target = Math.max(0, (this.current - 3) * this.rowPx);
      const view = this.list.clientHeight;
      const top = this.list.scrollTop;
      if (this.current * this.rowPx < top || (this.current + 1) * this.rowPx > top + view) this.list.scrollTop = target;
    }
    this.paint(false);
  }

  private paint(force: boolean): void {
    const trace = this.trace;
    if (trace === null) return;
    const from = Math.max(0, Math.floor(this.list.scrollTop / this.rowPx) - 5);
    const to = Math.min(this.rows.length, from + Math.ceil((this.list.clientHeight || 400) / this.rowPx) + 10);
    if (!force && from === this.lastFrom && this.current === this.lastCurrent) return;
    this.lastFrom = from;
    this.lastCurrent = this.current;
    const frag = document.createDocumentFragment();
    for (let r = from; r < to; r++) {
      const i = this.rows[r]!;
      const e = trace.event(i);
      const row = document.createElement("div");
      row.className = r === this.current ? "row current" : "row";
      row.style.top = `${r * this.rowPx}px`;
      row.dataset["record"] = String(i);
      row.setAttribute("data-kind", e.kind);
      const t = document.createElement("span");
      t.className = "t";
      t.textContent = formatTime(trace.time(i));
      const n = document.createElement("span");
      n.className = "n";
      n.textContent = trace.node(i);
      const k = document.createElement("span");
      k.className = "k";
      k.textContent = e.kind;
      const f = document.createElement("span");
      f.className = "f";
      f.textContent = formatFields(e);
      row.append(t, n, k, f);
      frag.append(row);
    }
    this.spacer.replaceChildren(frag);
  }
}
