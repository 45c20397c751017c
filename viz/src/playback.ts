// Time on the page: play/pause, speed (1/1000× to 1000× real time), step to the next or
// previous event, seek anywhere (backwards too: every view is a function of t), lesson
// captions that pause the play and step like slides, and the keyboard a presenter's clicker
// sends. Pacing with requestAnimationFrame lives here, never in the engine.

import type { App } from "./app.ts";
import type { Caption } from "./model/lesson-captions.ts";
import type { UrlState } from "./url-state.ts";

export const SPEEDS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 100, 1000] as const;

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

const speedLabel = (s: number): string => (s < 1 ? `1/${Math.round(1 / s)}×` : `${s}×`);

export class Playback {
  timeUs = 0;
  playing = false;
  speed = 1;
  private endUs = 1;
  private lessons: readonly Caption[] = [];
  private lastFrame = 0;
  private dirty = true;
  private urlTimer = 0;
  /** Frame times (ms) of the last renders, for measuring. */
  readonly frameMs: number[] = [];

  constructor(private readonly app: App) {
    const speed = $<HTMLSelectElement>("speed");
    for (const s of SPEEDS) {
      const o = document.createElement("option");
      o.value = String(s);
      o.textContent = speedLabel(s);
      speed.append(o);
    }
    speed.value = "1";
    speed.addEventListener("change", () => this.setSpeed(Number(speed.value)));
    $("play").addEventListener("click", () => this.toggle());
    $("step").addEventListener("click", () => this.step(1));
    $("step-back").addEventListener("click", () => this.step(-1));
    $("start").addEventListener("click", () => this.seek(0));
    $("lesson-next").addEventListener("click", () => this.lesson(1));
    $("lesson-prev").addEventListener("click", () => this.lesson(-1));
    const scrub = $<HTMLInputElement>("scrubber");
    scrub.addEventListener("input", () => {
      this.pause();
      this.seek(Number(scrub.value));
    });
    document.addEventListener("keydown", (e) => this.key(e));
    requestAnimationFrame((t) => this.frame(t));
  }

  /** A new run: its end, its captions placed on it (lesson-captions.ts), and the URL's time and speed. */
  reset(captions: readonly Caption[], endUs: number, state: UrlState): void {
    this.endUs = endUs;
    this.lessons = captions;
    $<HTMLInputElement>("scrubber").max = String(endUs);
    this.setSpeed(state.speed ?? this.speed);
    this.timeUs = Math.max(0, Math.min(endUs, (state.timeMs ?? 0) * 1000));
    const autoplay = !state.paused && state.timeMs === null && !this.app.reducedMotion;
    this.playing = false;
    if (autoplay) this.play();
    else this.showPlaying();
    this.dirty = true;
  }

  invalidate(): void {
    this.dirty = true;
  }

  play(): void {
    if (this.timeUs >= this.endUs) this.timeUs = 0;
    this.playing = true;
    this.lastFrame = performance.now();
    this.showPlaying();
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    this.showPlaying();
    this.app.syncUrl();
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  setSpeed(s: number): void {
    this.speed = s;
    $<HTMLSelectElement>("speed").value = String(s);
  }

  private showPlaying(): void {
    const b = $("play");
    b.textContent = this.playing ? "❙❙ pause" : "▶ play";
    b.setAttribute("aria-pressed", String(this.playing));
    b.dataset["playing"] = String(this.playing);
  }

  seek(us: number): void {
    this.timeUs = Math.max(0, Math.min(this.endUs, us));
    this.dirty = true;
    this.showTime();
    this.scheduleUrl();
  }

  /** To the next (dir 1) or previous (dir -1) event in the event log's filter. */
  step(dir: 1 | -1): void {
    this.pause();
    const rows = this.app.eventLog.filtered;
    const trace = this.app.logTrace;
    if (trace === undefined || rows.length === 0) return;
    let lo = 0;
    let hi = rows.length;
    const t = this.timeUs;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (trace.time(rows[mid]!) <= t) lo = mid + 1;
      else hi = mid;
    }
    if (dir === 1) {
      if (lo < rows.length) this.seek(trace.time(rows[lo]!));
      return;
    }
    let i = lo - 1;
    while (i >= 0 && trace.time(rows[i]!) >= t) i--;
    if (i >= 0) this.seek(trace.time(rows[i]!));
  }

  /** Next/previous lesson caption, like slides. */
  lesson(dir: 1 | -1): boolean {
    if (this.lessons.length === 0) return false;
    this.pause();
    const t = this.timeUs;
    const next = dir === 1 ? this.lessons.find((l) => l.atUs > t) : [...this.lessons].reverse().find((l) => l.atUs < t);
    if (next === undefined) return dir === 1 ? false : (this.seek(0), true);
    this.seek(next.atUs);
    return true;
  }

  private key(e: KeyboardEvent): void {
    const target = e.target as HTMLElement;
    if (target.closest("input, textarea, select") !== null && e.key !== "PageDown" && e.key !== "PageUp") return;
    switch (e.key) {
      case " ":
        this.toggle();
        break;
      case "ArrowRight":
        this.step(1);
        break;
      case "ArrowLeft":
        this.step(-1);
        break;
      case "PageDown":
        if (!this.lesson(1)) this.step(1);
        break;
      case "PageUp":
        if (!this.lesson(-1)) this.step(-1);
        break;
      case "ArrowUp":
        this.setSpeed(SPEEDS[Math.min(SPEEDS.length - 1, SPEEDS.indexOf(this.speed as (typeof SPEEDS)[number]) + 1)]!);
        break;
      case "ArrowDown":
        this.setSpeed(SPEEDS[Math.max(0, SPEEDS.indexOf(this.speed as (typeof SPEEDS)[number]) - 1)]!);
        break;
      case "Home":
        this.seek(0);
        break;
      case "End":
        this.seek(this.endUs);
        break;
      case "Escape":
        $("node-menu").hidden = true;
        return;
      default:
        return;
    }
    e.preventDefault();
  }

  private frame(now: number): void {
    if (this.playing) {
      const dt = Math.min(100, now - this.lastFrame);
      const from = this.timeUs;
      let to = from + dt * 1000 * this.speed;
      const stop = this.lessons.find((l) => l.pause && l.atUs > from && l.atUs <= to);
      if (stop !== undefined) to = stop.atUs;
      if (to >= this.endUs) to = this.endUs;
      this.timeUs = to;
      this.dirty = true;
      if (stop !== undefined || to >= this.endUs) this.pause();
    }
    this.lastFrame = now;
    if (this.dirty) this.renderNow();
    requestAnimationFrame((t) => this.frame(t));
  }

  /** Renders every view at the current time; returns how long it took (ms). */
  renderNow(): number {
    const started = performance.now();
    this.dirty = false;
    this.app.render(this.timeUs);
    this.showTime();
    this.caption();
    const ms = performance.now() - started;
    this.frameMs.push(ms);
    if (this.frameMs.length > 600) this.frameMs.shift();
    return ms;
  }

  private showTime(): void {
    $<HTMLInputElement>("scrubber").value = String(this.timeUs);
    $("time").textContent = `${(this.timeUs / 1e6).toFixed(6)} s`;
    $("time").dataset["us"] = String(this.timeUs);
  }

  private caption(): void {
    const box = $("lesson");
    const t = this.timeUs;
    let current = -1;
    this.lessons.forEach((l, i) => {
      if (l.atUs <= t) current = i;
    });
    if (this.lessons.length === 0) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    const l = this.lessons[current];
    $("lesson-count").textContent = `${current + 1}/${this.lessons.length}`;
    showCaption($("lesson-text"), l, this.lessons.length);
    box.classList.toggle("paused-here", l !== undefined && l.pause && l.atUs === t);
  }

  private scheduleUrl(): void {
    if (this.playing) return;
    clearTimeout(this.urlTimer);
    this.urlTimer = window.setTimeout(() => this.app.syncUrl(), 250);
  }
}

/** The caption's text; one the run makes false is struck through, with why beside it. */
function showCaption(el: HTMLElement, l: Caption | undefined, count: number): void {
  el.title = l === undefined || l.on === null ? "" : `shown when ${l.on} happens in this run`;
  el.dataset["untrue"] = String(l !== undefined && l.untrue !== null);
  if (l === undefined || l.untrue === null) {
    el.textContent = l === undefined ? `${count} captions: PageDown steps through them.` : l.text;
    return;
  }
  const struck = document.createElement("s");
  struck.textContent = l.text;
  const why = document.createElement("span");
  why.className = "muted";
  why.setAttribute("data-testid", "lesson-untrue");
  why.textContent = ` ${l.untrue}`;
  el.replaceChildren(struck, why);
}
