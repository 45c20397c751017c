// The page: picks a scenario, runs it (and its comparison) in workers, builds the models and
// views, and keeps every view showing the same time t. Views are pure functions of (model, t);
// this class owns t, the URL and the wiring.

import type { Scenario } from "../../sim/scenario/types.ts";
import { describeOverrides, presetOverrides, setToggle, shapeOf, toggleValue, type Shape } from "./config-overrides.ts";
import { download, timelinePng, timelineSvg, traceNdjson } from "./export.ts";
import { InterventionUi, type Side } from "./intervention-ui.ts";
import { withInterventions } from "./interventions.ts";
import { buildModel } from "./model/build-model.ts";
import { placeCaptions, type Caption } from "./model/lesson-captions.ts";
import { lossMomentUs } from "./model/loss-moment.ts";
import type { RunModel } from "./model/types.ts";
import { Playback } from "./playback.ts";
import { Reveal, revealTimeUs, revealWanted } from "./reveal.ts";
import { startRun, type Run } from "./run-client.ts";
import { SCENARIOS, scenarioByName } from "./scenarios.ts";
import { decodeScenarioText, encodeScenarioText } from "./scenario-url.ts";
import { readUrl, writeUrl, type UrlState } from "./url-state.ts";
import type { TraceStore } from "./trace-store.ts";
import { hideVerdict, showVerdict } from "./verdict.ts";
import { ChartsView } from "./views/charts-view.ts";
import { ClusterView } from "./views/cluster-view.ts";
import { CostPanel } from "./views/cost-panel.ts";
import { EventLog } from "./views/event-log.ts";
import { TimelinePanel, type TimelineRun } from "./views/timeline-panel.ts";
import { presentationType, proportionalType, type TypeScale } from "./views/type-scale.ts";

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

export interface Loaded {
  readonly run: Run;
  readonly model: RunModel;
  readonly cluster: ClusterView;
  readonly title: string;
  /** When its first acknowledged-but-lost record became lost (model/loss-moment.ts); null: none was. */
  readonly lossUs: number | null;
  /** When its outcome is decided (reveal.ts): its loss moment, else the end of its duration. */
  readonly revealUs: number;
}

export class App {
  state: UrlState;
  a: Loaded | null = null;
  b: Loaded | null = null;
  readonly playback: Playback;
  private readonly timeline: TimelinePanel;
  private readonly charts = new ChartsView();
  private readonly cost = new CostPanel();
  private readonly log: EventLog;
  readonly ui: InterventionUi;
  readonly reveal = new Reveal();
  /** Which runs' outcomes are on the page, "S" shown and "-" hidden per run, to redraw only when that changes. */
  private outcomesShown = "";
  /** Run A's lesson captions, placed on its trace. */
  private captions: readonly Caption[] = [];
  /** Whose events the log shows in compare mode. */
  private logSide: Side = "A";
  private cancels: (() => void)[] = [];
  private customText: string | null = null;
  private generation = 0;
  readonly reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  constructor() {
    this.state = readUrl(location.search);
    if (scenarioByName(this.state.scenario) === undefined) this.state.scenario = SCENARIOS[0]?.name ?? "";
    this.playback = new Playback(this);
    this.timeline = new TimelinePanel(
      (us) => this.playback.seek(us),
      () => this.buildCharts(),
    );
    this.log = new EventLog((us) => this.playback.seek(us));
    this.ui = new InterventionUi(this);
    $("timeline-host").append(this.timeline.root);
    $("cost-host").append(this.cost.root);
    $("charts-host").append(this.charts.svg);
    $("log-host").append(this.log.root);
    this.wireHeader();
    window.addEventListener("popstate", () => {
      this.state = readUrl(location.search);
      // The edited text comes back from yaml= (or goes away with it).
      this.customText = null;
      void this.load();
    });
    let resizeTimer = 0;
    window.addEventListener("resize", () => {
      clearTimeout(resizeTimer);
      resizeTimer = window.setTimeout(() => this.buildViews(), 150);
    });
  }

  /** The type every view draws in, from the page's font size (styles.css sets it per mode). */
  get type(): TypeScale {
    const px = parseFloat(getComputedStyle(document.body).fontSize);
    return this.state.present ? presentationType(px) : proportionalType(px);
  }

  get text(): string {
    return this.customText ?? scenarioByName(this.state.scenario)?.text ?? "";
  }

  get shape(): Shape {
    return shapeOf(this.text);
  }

  get eventLog(): EventLog {
    return this.log;
  }

  /** The trace the event log shows (run B's in compare mode when chosen). */
  get logTrace(): TraceStore | undefined {
    return (this.logSide === "B" ? this.b : this.a)?.run.trace ?? this.a?.run.trace;
  }

  get scenario(): Scenario | null {
    return this.a?.run.scenario ?? null;
  }

  /**
   * Pushes (or replaces) the URL for the current state; `withTime` false leaves the playback time
   * out (another scenario starts from its beginning, and so does a reload of its URL).
   */
  syncUrl(push = false, withTime = true): void {
    const playback = withTime ? { timeMs: this.playback.timeUs / 1000, paused: !this.playback.playing } : { timeMs: null, paused: false };
    const url = writeUrl({ ...this.state, ...playback, speed: this.playback.speed === 1 ? null : this.playback.speed });
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  }

  private wireHeader(): void {
    const picker = $<HTMLSelectElement>("scenario");
    for (const s of SCENARIOS) {
      const o = document.createElement("option");
      o.value = s.name;
      o.textContent = s.name;
      picker.append(o);
    }
    picker.addEventListener("change", () => {
      this.customText = null;
      this.state = { ...this.state, yaml: null, scenario: picker.value, seed: null, set: [], interventions: [], timeMs: null, compare: this.state.compare === null ? null : [] };
      this.syncUrl(true, false);
      void this.load();
    });
    $<HTMLInputElement>("seed").addEventListener("change", (e) => {
      const v = (e.target as HTMLInputElement).value;
      this.rerun({ seed: /^-?\d+$/.test(v) ? Number(v) : null });
    });
    const toggle = (id: string, t: "acks" | "minIsr" | "strategy" | "sessionTimeout"): void => {
      $<HTMLSelectElement>(id).addEventListener("change", (e) => this.rerun({ set: setToggle(this.state.set, this.shape, t, (e.target as HTMLSelectElement).value) }));
    };
    toggle("acks", "acks");
    toggle("min-isr", "minIsr");
    toggle("strategy", "strategy");
    toggle("session-timeout", "sessionTimeout");
    for (const side of ["A", "B"] as const) {
      $(`log-${side.toLowerCase()}`).addEventListener("change", () => this.showLog(side));
    }
    $<HTMLInputElement>("unclean").addEventListener("change", (e) => this.rerun({ set: setToggle(this.state.set, this.shape, "unclean", (e.target as HTMLInputElement).checked ? "true" : "") }));
    $<HTMLSelectElement>("compare").addEventListener("change", (e) => {
      const v = (e.target as HTMLSelectElement).value;
      this.rerun({ compare: v === "" ? null : presetOverrides(v, this.shape, this.a?.run.scenario.seed ?? 1) });
    });
    for (const [id, key] of [["large", "large"], ["present", "present"]] as const) {
      $<HTMLInputElement>(id).addEventListener("change", (e) => {
        this.state[key] = (e.target as HTMLInputElement).checked;
        this.showTypeMode();
        this.syncUrl();
        this.buildViews();
      });
    }
    $<HTMLInputElement>("reveal-mode").addEventListener("change", (e) => {
      this.state.reveal = (e.target as HTMLInputElement).checked;
      this.reveal.reset(this.state.reveal);
      this.syncUrl();
      this.showOutcomes();
    });
    $("export-svg").addEventListener("click", () => this.exportSvg());
    $("export-png").addEventListener("click", () => void this.exportPng());
    $("export-ndjson").addEventListener("click", () => {
      if (this.a !== null) download(traceNdjson(this.a.run.trace), `${this.a.run.scenario.name}-seed${this.a.run.scenario.seed}.ndjson`);
    });
    $("run-text").addEventListener("click", () => this.runText($<HTMLTextAreaElement>("scenario-text").value));
    document.addEventListener("dragover", (e) => {
      e.preventDefault();
      document.body.classList.add("dragging");
    });
    document.addEventListener("dragleave", () => document.body.classList.remove("dragging"));
    document.addEventListener("drop", (e) => {
      e.preventDefault();
      document.body.classList.remove("dragging");
      const file = e.dataTransfer?.files[0];
      if (file !== undefined) void file.text().then((t) => this.runText(t));
    });
  }

  /** Runs an edited or dropped scenario; its text goes into the URL (yaml=), so a shared link runs it too. */
  private runText(text: string): void {
    this.customText = text;
    $<HTMLTextAreaElement>("scenario-text").value = text;
    ($("editor") as HTMLDetailsElement).open = true;
    void encodeScenarioText(text).then((yaml) => {
      if (this.customText !== text) return;
      this.state = { ...this.state, yaml, interventions: [] };
      this.syncUrl(true);
      void this.load();
    });
  }

  /** The event log shows run A's or (compare mode) run B's events. */
  private showLog(side: Side): void {
    this.logSide = this.b === null ? "A" : side;
    const trace = this.logTrace;
    if (trace !== undefined) this.log.setTrace(trace);
    this.playback.invalidate();
  }

  /** Marks the nodes picked for a network partition in every cluster pane. */
  showPartitionGroups(groups: ReadonlyMap<string, Side>): void {
    this.a?.cluster.setGroups(groups);
    this.b?.cluster.setGroups(groups);
  }

  /** Changes part of the state and re-runs, keeping the current time (paused). */
  rerun(change: Partial<UrlState>): void {
    this.state = { ...this.state, ...change, timeMs: this.playback.timeUs / 1000, paused: true };
    this.playback.pause();
    this.syncUrl(true);
    void this.load();
  }

  private reflectHeader(): void {
    showPickerChoice($<HTMLSelectElement>("scenario"), this.customText === null ? this.state.scenario : null);
    $<HTMLInputElement>("seed").value = this.state.seed === null ? (this.a?.run.scenario.seed.toString() ?? "") : String(this.state.seed);
    $<HTMLSelectElement>("acks").value = toggleValue(this.state.set, "acks").replace(/^"|"$/g, "");
    $<HTMLSelectElement>("min-isr").value = toggleValue(this.state.set, "minIsr");
    $<HTMLInputElement>("unclean").checked = toggleValue(this.state.set, "unclean") === "true";
    $<HTMLSelectElement>("strategy").value = toggleValue(this.state.set, "strategy");
    $<HTMLSelectElement>("session-timeout").value = toggleValue(this.state.set, "sessionTimeout");
    for (const id of ["strategy-toggle", "session-timeout-toggle"]) $(id).hidden = this.shape.consumers === 0;
    this.showTypeMode();
    $<HTMLInputElement>("reveal-mode").checked = revealWanted(this.state, location.search);
    const cmp = $<HTMLSelectElement>("compare");
    const c = this.state.compare;
    cmp.value = "";
    if (c !== null) {
      for (const o of Array.from(cmp.options)) {
        if (o.value !== "" && presetOverrides(o.value, this.shape, this.a?.run.scenario.seed ?? this.state.seed ?? 1).join("\n") === c.join("\n")) cmp.value = o.value;
      }
    }
    this.ui.showList();
  }

  /** Large type and presentation mode as classes on the page (styles.css); presentation mode sets its own size. */
  private showTypeMode(): void {
    const large = $<HTMLInputElement>("large");
    large.checked = this.state.large;
    large.disabled = this.state.present;
    $<HTMLInputElement>("present").checked = this.state.present;
    document.body.classList.toggle("large", this.state.large);
    document.body.classList.toggle("present", this.state.present);
  }

  /** Runs the scenario (and its comparison) and rebuilds every view. */
  async load(): Promise<void> {
    const gen = ++this.generation;
    for (const c of this.cancels) c();
    this.cancels = [];
    this.reflectHeader();
    const error = $("error");
    error.hidden = true;
    $("not-modelled").hidden = true;
    $("verdict").textContent = "running…";
    $("verdict").removeAttribute("data-verdict");
    $("trace-hash").textContent = "";
    $("status").textContent = "";
    if (this.customText === null && this.state.yaml !== null) {
      try {
        this.customText = await decodeScenarioText(this.state.yaml);
        $<HTMLTextAreaElement>("scenario-text").value = this.customText;
      } catch {
        error.textContent = "yaml= in the URL is damaged: showing the library's scenario instead";
        error.hidden = false;
        this.state.yaml = null;
        this.syncUrl(); // a reload or a shared link no longer carries the damaged text
      }
      if (gen !== this.generation) return;
    }
    const text = withInterventions(this.text, this.state.interventions);
    if (this.customText === null) $<HTMLTextAreaElement>("scenario-text").value = this.text;
    const base = [...this.state.set, ...(this.state.seed === null ? [] : [`seed=${this.state.seed}`])];
    const fileName = this.customText === null ? `scenarios/${this.state.scenario}.yaml` : "edited.yaml";
    const progress = (done: number, total: number): void => {
      if (gen === this.generation) $("status").textContent = `simulating… ${Math.round((100 * done) / total)}%`;
    };
    const runA = startRun({ text, fileName, overrides: base }, { onProgress: progress });
    this.cancels.push(runA.cancel);
    const runB = this.state.compare === null ? null : startRun({ text, fileName, overrides: [...base, ...this.state.compare] });
    if (runB !== null) this.cancels.push(runB.cancel);
    let a: Run;
    let b: Run | null;
    try {
      [a, b] = await Promise.all([runA.promise, runB?.promise ?? Promise.resolve(null)]);
    } catch (e) {
      if (gen !== this.generation || (e instanceof Error && e.message === "cancelled")) return;
      error.textContent = `${e instanceof Error ? e.message : String(e)}${this.a === null ? "" : " (the views below are the previous run's)"}`;
      error.hidden = false;
      $("verdict").textContent = "error";
      $("status").textContent = "";
      document.body.dataset["stale"] = "1"; // styles.css dims the old run's views
      return;
    }
    delete document.body.dataset["stale"];
    if (gen !== this.generation) return;
    const built = performance.now();
    this.a = this.loaded(a, this.state.compare === null ? "" : "A · as configured");
    this.b = b === null ? null : this.loaded(b, `B · ${describeOverrides(this.state.compare ?? [])}`);
    this.captions = placeCaptions(a.scenario.lesson, a.trace, a.summary, this.a.lossUs);
    $("trace-hash").textContent = a.summary.traceHash;
    $("status").textContent = `${a.summary.events.toLocaleString("en-US")} events, ${a.trace.size.toLocaleString("en-US")} trace records · simulated in ${Math.round(a.wallMs)} ms, model ${Math.round(performance.now() - built)} ms`;
    $("description").textContent = a.scenario.description;
    showNotModelled($("not-modelled"), a.scenario.notModelled);
    this.reflectHeader();
    $("log-runs").hidden = b === null;
    this.showLog(b === null ? "A" : this.logSide);
    this.showLost(a);
    this.reveal.reset(revealWanted(this.state, location.search));
    this.playback.reset(this.captions, Math.max(this.a.model.endUs, this.b?.model.endUs ?? 0), this.state);
    this.buildViews();
    this.showVerdicts();
    document.body.dataset["ready"] = String(gen);
  }

  /** The checker's lost records, each a link to the moment it was acknowledged. */
  private showLost(run: Run): void {
    const lost = run.summary.lost;
    $("lost").replaceChildren(
      ...lost.map((l) => {
        const li = document.createElement("li");
        li.textContent = `${l.topic}-${l.partition} offset ${l.ackOffset} · acked ${(l.ackedMs / 1000).toFixed(3)} s (record ${l.rid})`;
        li.tabIndex = 0;
        const go = (): void => {
          this.playback.pause();
          this.playback.seek(l.ackedMs * 1000);
        };
        li.addEventListener("click", go);
        li.addEventListener("keydown", (e) => {
          if (e.key === "Enter") go();
        });
        return li;
      }),
    );
    const more = run.summary.durability.acknowledgedLost - lost.length;
    if (more > 0) {
      const li = document.createElement("li");
      li.className = "muted";
      li.textContent = `… and ${more.toLocaleString("en-US")} more`;
      $("lost").append(li);
    }
  }

  private loaded(run: Run, title: string): Loaded {
    const model = buildModel(run.scenario, run.trace, run.summary);
    const cluster = new ClusterView(model, run.scenario.producers, (c) => this.ui.nodeClicked(c));
    cluster.reducedMotion = this.reducedMotion;
    const lossUs = lossMomentUs(run.trace, run.summary.lost);
    return { run, model, cluster, title, lossUs, revealUs: revealTimeUs(lossUs, run.scenario.durationUs, model.endUs) };
  }

  private outcomeShown(l: Loaded | null): boolean {
    return l !== null && this.reveal.shown(l.revealUs, this.playback.timeUs);
  }

  /** The verdict (or its question) for one run. */
  private showOutcome(el: HTMLElement, l: Loaded): void {
    if (this.outcomeShown(l)) showVerdict(el, l.run.summary);
    else
      hideVerdict(el, l.run.summary, () => {
        this.reveal.click();
        this.showOutcomes();
      });
  }

  /** Verdicts, the lost list and the timeline's loss marks, as predict-then-reveal has them at the current time. */
  private showOutcomes(): void {
    this.showVerdicts();
    this.drawTimeline();
  }

  private showVerdicts(): void {
    const a = this.a;
    if (a === null) return;
    this.outcomesShown = this.outcomesNow();
    this.showOutcome($("verdict"), a);
    for (const [l, id] of [[this.a, "verdict-a"], [this.b, "verdict-b"]] as const) {
      const el = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
      if (l !== null && el !== null) this.showOutcome(el, l);
    }
    $("lost-box").hidden = !this.outcomeShown(a) || a.run.summary.lost.length === 0;
  }

  private outcomesNow(): string {
    return [this.a, this.b].map((l) => (this.outcomeShown(l) ? "S" : "-")).join("");
  }

  /**
   * Lays out the panes, timeline and charts for the current width and type. Compare mode's
   * panes sit side by side when both clusters' labels fit at half the width, else one above
   * the other.
   */
  buildViews(): void {
    const a = this.a;
    if (a === null) return;
    const type = this.type;
    const panes = $("panes");
    const loaded = this.b === null ? [a] : [a, this.b];
    panes.replaceChildren(
      ...loaded.map((l, i) => {
        const pane = document.createElement("div");
        pane.className = "pane";
        pane.setAttribute("data-testid", i === 0 ? "pane-a" : "pane-b");
        if (this.b !== null) {
          const h = document.createElement("h3");
          const title = document.createElement("span");
          title.textContent = l.title;
          const v = document.createElement("span");
          v.setAttribute("data-testid", i === 0 ? "verdict-a" : "verdict-b");
          v.dataset["withExpectations"] = "1";
          this.showOutcome(v, l);
          const hash = document.createElement("code");
          hash.setAttribute("data-testid", i === 0 ? "trace-hash-a" : "trace-hash-b");
          hash.textContent = l.run.summary.traceHash;
          h.append(title, v, hash);
          pane.append(h);
        }
        pane.append(l.cluster.root);
        return pane;
      }),
    );
    // The panes' box has the column's width (in presentation mode the column is not a box of its own).
    const width = Math.max(320, panes.clientWidth);
    // A pane's border and padding (styles.css: .pane) take 10 px; side-by-side panes are 16 px apart.
    const half = (width - 16) / 2 - 10;
    const sideBySide = this.b === null || loaded.every((l) => l.cluster.minWidth(type) <= half);
    panes.classList.toggle("stacked", !sideBySide);
    const paneWidth = this.b === null || !sideBySide ? width - 10 : half;
    for (const l of loaded) l.cluster.build(paneWidth, type);
    this.cost.show(loaded.map((l) => ({ title: l.title, summary: l.run.summary, model: l.model })));
    this.drawTimeline();
    this.buildCharts();
    // Counts layouts, so a test can wait for one after a resize or a toggle.
    document.body.dataset["built"] = String(Number(document.body.dataset["built"] ?? 0) + 1);
  }

  private drawTimeline(): void {
    // The panes' box has the column's width (in presentation mode the column is not a box of its own).
    const width = Math.max(320, $("panes").clientWidth);
    this.timeline.draw(this.timelineRuns(), this.captions, width, this.type);
  }

  /** The charts, over the timeline's (zoomed) time range. */
  buildCharts(): void {
    if (this.a === null) return;
    const width = Math.max(320, $("panes").clientWidth);
    const models = [this.a.model, ...(this.b === null ? [] : [this.b.model])];
    this.charts.build(models, width, this.timeline.labelW, this.type, this.timeline.range);
    this.playback.invalidate();
  }

  /** The timeline's runs; a run whose outcome is still hidden has no loss marks yet. */
  timelineRuns(): TimelineRun[] {
    const runs: TimelineRun[] = [];
    const model = (l: Loaded): RunModel => (this.outcomeShown(l) ? l.model : { ...l.model, lost: [] });
    if (this.a !== null) runs.push({ model: model(this.a), title: this.b === null ? `${this.a.run.scenario.name} · seed ${this.a.run.scenario.seed}` : `A · ${this.a.run.scenario.name}` });
    if (this.b !== null) runs.push({ model: model(this.b), title: this.b.title });
    return runs;
  }

  /** Draws every view at time t. */
  render(timeUs: number): void {
    if (this.outcomesNow() !== this.outcomesShown) this.showOutcomes();
    this.a?.cluster.render(timeUs);
    this.b?.cluster.render(timeUs);
    this.timeline.render(timeUs);
    this.charts.render(timeUs);
    this.log.render(timeUs);
    this.ui.showGroups();
    this.ui.refresh();
  }

  private exportSvg(): void {
    if (this.a === null) return;
    const svg = timelineSvg(this.timelineRuns(), this.captions, this.timeline.canvas.clientWidth || 1200, this.type, this.timeline.range);
    (window as unknown as { __lastExport?: string }).__lastExport = svg;
    download(new Blob([svg], { type: "image/svg+xml" }), `${this.a.run.scenario.name}-timeline.svg`);
  }

  private async exportPng(): Promise<void> {
    if (this.a === null) return;
    const png = await timelinePng(this.timelineRuns(), this.captions, this.timeline.canvas.clientWidth || 1200, this.type, this.timeline.range);
    download(png, `${this.a.run.scenario.name}-timeline.png`);
  }
}

/** Kafka keys the scenario sets that the simulator accepts but does not model, as the CLI warns. */
function showNotModelled(box: HTMLElement, warnings: Scenario["notModelled"]): void {
  box.hidden = warnings.length === 0;
  box.textContent = warnings.length === 0 ? "" : ["Accepted but not modelled (the run ignores these):", ...warnings.map((w) => `${w.path}: ${w.message.replace(/^accepted, not modelled: /, "")}`)].join("\n");
}

/** The scenario picker shows the library file that runs, or "(edited text)" while edited YAML runs. */
function showPickerChoice(picker: HTMLSelectElement, scenario: string | null): void {
  let edited = picker.querySelector<HTMLOptionElement>("option[data-edited]");
  if (scenario === null && edited === null) {
    edited = document.createElement("option");
    edited.dataset["edited"] = "1";
    edited.value = "";
    edited.disabled = true;
    edited.textContent = "(edited text)";
    picker.prepend(edited);
  }
  if (scenario !== null) edited?.remove();
  picker.value = scenario ?? "";
}
