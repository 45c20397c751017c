// The report page (viz/report.html): the visualizer's views — cluster at time t, timeline,
// charts, event log — drawn from the run data `kafkasim run --report` embedded in the file,
// instead of from a worker. One run, or the two runs of a comparison side by side.

import "../styles.css";
import "./report.css";
import type { ReportRun } from "../../../sim/report/payload-format.ts";
import { buildModel } from "../model/build-model.ts";
import { placeCaptions, type Caption } from "../model/lesson-captions.ts";
import { lossMomentUs } from "../model/loss-moment.ts";
import type { RunModel } from "../model/types.ts";
import type { TraceStore } from "../trace-store.ts";
import { showVerdict } from "../verdict.ts";
import { ChartsView } from "../views/charts-view.ts";
import { ClusterView } from "../views/cluster-view.ts";
import { EventLog } from "../views/event-log.ts";
import { TimelinePanel, type TimelineRun } from "../views/timeline-panel.ts";
import { presentationType, proportionalType, type TypeScale } from "../views/type-scale.ts";
import { readPayload, traceStoreOf } from "./decode.ts";
import { ReportPlayer } from "./report-player.ts";
import { factsTable, partitionsTable } from "./summary-table.ts";

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

interface Shown {
  readonly run: ReportRun;
  readonly trace: TraceStore;
  readonly model: RunModel;
  readonly cluster: ClusterView;
}

function fail(message: string): void {
  $("error").textContent = message;
  $("error").hidden = false;
  $("verdict").textContent = "no data";
}

/**
 * A scenario's Markdown description as text (a scenario file never becomes HTML): one <p> per
 * paragraph, soft line breaks joined as Markdown joins them, list lines kept on their own line.
 */
function showDescription(el: HTMLElement, markdown: string): void {
  const paragraphs = markdown.trim().split(/\n\s*\n/);
  el.replaceChildren(
    ...paragraphs.map((para) => {
      const p = document.createElement("p");
      p.textContent = para
        .split("\n")
        .map((l) => l.trim())
        .reduce((acc, l) => (acc === "" ? l : /^([-*+]|\d+\.)\s/.test(l) ? `${acc}\n${l}` : `${acc} ${l}`), "");
      return p;
    }),
  );
}

function header(shown: readonly Shown[], command: string): void {
  const a = shown[0]!;
  $("run-name").textContent = shown.map((s) => `${s.run.summary.scenario} · seed ${s.run.summary.seed}${s.run.title === "" ? "" : ` (${s.run.title})`}`).join("  vs  ");
  showVerdict($("verdict"), a.run.summary);
  $("trace-hash").textContent = shown.map((s) => s.run.summary.traceHash).join(" · ");
  $("command").textContent = command;
  const omitted = Object.entries(a.run.trace.omitted);
  $("status").textContent = `${a.run.summary.events.toLocaleString("en-US")} events, ${a.trace.size.toLocaleString("en-US")} trace records${omitted.length > 0 ? ` (left out to keep the file small: ${omitted.map(([k, v]) => `${v.toLocaleString("en-US")} ${k}`).join(", ")})` : ""}`;
  showDescription($("description"), a.run.scenario.description);
  const summary = $("summary");
  document.body.classList.toggle("compare", shown.length > 1);
  summary.append(factsTable(shown.map((s) => s.run.summary), shown.map((s) => s.run.title)));
  for (const s of shown) {
    if (shown.length > 1) {
      const h = document.createElement("h3");
      h.textContent = s.run.title;
      summary.append(h);
    }
    summary.append(partitionsTable(s.run.summary));
  }
}

function lists(a: Shown, captions: readonly Caption[], player: ReportPlayer): void {
  const item = (text: string, us: number): HTMLLIElement => {
    const li = document.createElement("li");
    li.textContent = text;
    li.tabIndex = 0;
    const go = (): void => {
      player.pause();
      player.seek(us);
    };
    li.addEventListener("click", go);
    li.addEventListener("keydown", (e) => {
      if (e.key === "Enter") go();
    });
    return li;
  };
  $("lessons-box").hidden = captions.length === 0;
  $("lessons").replaceChildren(
    ...captions.map((c) => {
      const li = item(`${(c.atUs / 1e6).toFixed(c.on === null ? 1 : 3)} s — `, c.atUs);
      const text = document.createElement(c.untrue === null ? "span" : "s");
      text.textContent = c.text;
      li.append(text, c.untrue === null ? "" : ` (${c.untrue})`);
      return li;
    }),
  );
  const lost = a.run.summary.lost;
  $("lost-box").hidden = lost.length === 0;
  $("lost").replaceChildren(...lost.map((l) => item(`${l.topic}-${l.partition} offset ${l.ackOffset} · acked ${(l.ackedMs / 1000).toFixed(3)} s (record ${l.rid})`, l.ackedMs * 1000)));
  const more = a.run.summary.durability.acknowledgedLost - lost.length;
  if (more > 0) $("lost").append(Object.assign(document.createElement("li"), { className: "muted", textContent: `… and ${more.toLocaleString("en-US")} more` }));
}

async function main(): Promise<void> {
  const payload = await readPayload(document);
  if (payload === null || payload.runs.length === 0) {
    fail("This page is a template: `kafkasim run FILE --report out.html` fills it with a run.");
    return;
  }
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const shown: Shown[] = payload.runs.map((run) => {
    const trace = traceStoreOf(run.trace);
    const model = buildModel(run.scenario, trace, run.summary);
    const cluster = new ClusterView(model, run.scenario.producers, () => {});
    cluster.reducedMotion = reducedMotion;
    return { run, trace, model, cluster };
  });
  const a = shown[0]!;
  header(shown, payload.command);
  const endUs = Math.max(...shown.map((s) => s.model.endUs));
  const timeline = new TimelinePanel(
    (us) => player.seek(us),
    (range) => {
      charts.build(shown.map((s) => s.model), timeline.canvas.clientWidth, timeline.labelW, typeNow(), range);
      player.invalidate();
    },
  );
  const charts = new ChartsView();
  const log = new EventLog((us) => {
    player.pause();
    player.seek(us);
  });
  $("timeline-host").append(timeline.root);
  $("charts-host").append(charts.svg);
  $("log-host").append(log.root);
  log.setTrace(a.trace);
  const player = new ReportPlayer(endUs, (t) => {
    for (const s of shown) s.cluster.render(t);
    timeline.render(t);
    charts.render(t);
    log.render(t);
  }, { play: $("play"), speed: $("speed"), scrubber: $("scrubber"), time: $("time") });
  const captions = placeCaptions(a.run.scenario.lesson, a.trace, a.run.summary, lossMomentUs(a.trace, a.run.summary.lost));
  lists(a, captions, player);
  let large = false;
  // Presentation mode as the visualizer's (`?present=1` opens the file in it): type from the page's size.
  let present = new URLSearchParams(location.search).get("present") === "1";
  const typeNow = (): TypeScale => (present ? presentationType(parseFloat(getComputedStyle(document.body).fontSize)) : proportionalType(large ? 19 : 13));
  const runs: TimelineRun[] = shown.map((s) => ({ model: s.model, title: s.run.title === "" ? `${s.run.scenario.name} · seed ${s.run.scenario.seed}` : s.run.title }));
  const build = (): void => {
    const type = typeNow();
    const panes = $("panes");
    panes.replaceChildren(
      ...shown.map((s, i) => {
        const pane = document.createElement("div");
        pane.className = "pane";
        pane.setAttribute("data-testid", i === 0 ? "pane-a" : "pane-b");
        if (shown.length > 1) {
          const h = document.createElement("h3");
          const v = document.createElement("span");
          v.setAttribute("data-testid", i === 0 ? "verdict-a" : "verdict-b");
          showVerdict(v, s.run.summary);
          h.append(Object.assign(document.createElement("span"), { textContent: s.run.title }), v);
          pane.append(h);
        }
        pane.append(s.cluster.root);
        return pane;
      }),
    );
    const width = Math.max(320, panes.clientWidth);
    // Side by side when both clusters' labels fit at half the width, else one above the other (as the visualizer).
    const half = (width - 16) / 2 - 10;
    const sideBySide = shown.length === 1 || shown.every((s) => s.cluster.minWidth(type) <= half);
    panes.classList.toggle("stacked", !sideBySide);
    const paneWidth = shown.length === 1 || !sideBySide ? width - 10 : half;
    for (const s of shown) s.cluster.build(paneWidth, type);
    timeline.draw(runs, captions, width, type);
    charts.build(shown.map((s) => s.model), width, timeline.labelW, type, timeline.range);
    player.invalidate();
  };
  const showTypeMode = (): void => {
    document.body.classList.toggle("large", large && !present);
    document.body.classList.toggle("present", present);
    $<HTMLInputElement>("large").disabled = present;
    $<HTMLInputElement>("present").checked = present;
  };
  $<HTMLInputElement>("large").addEventListener("change", (e) => {
    large = (e.target as HTMLInputElement).checked;
    showTypeMode();
    build();
  });
  $<HTMLInputElement>("present").addEventListener("change", (e) => {
    present = (e.target as HTMLInputElement).checked;
    showTypeMode();
    build();
  });
  showTypeMode();
  let resizeTimer = 0;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(build, 150);
  });
  build();
  // The first picture: the first lesson caption, else the first fault, else t = 0.
  player.seek(captions[0]?.atUs ?? a.model.faults[0]?.timeUs ?? 0);
  document.body.dataset["ready"] = "1";
}

main().catch((e: unknown) => fail(`the report could not be drawn: ${e instanceof Error ? e.message : String(e)}`));
