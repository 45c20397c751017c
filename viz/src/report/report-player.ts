// Time in a report: play/pause, speed, the scrubber and seeking from the timeline, the lost
// records or the event log. A smaller Playback (../playback.ts) without URL, lessons or steps:
// the report draws a recorded run, every view a function of t.

import { SPEEDS } from "../playback.ts";

const speedLabel = (s: number): string => (s < 1 ? `1/${Math.round(1 / s)}×` : `${s}×`);

export class ReportPlayer {
  timeUs = 0;
  playing = false;
  speed = 1;
  private lastFrame = 0;
  private dirty = true;

  constructor(
    private readonly endUs: number,
    private readonly draw: (timeUs: number) => void,
    private readonly els: { play: HTMLButtonElement; speed: HTMLSelectElement; scrubber: HTMLInputElement; time: HTMLOutputElement },
  ) {
    for (const s of SPEEDS) {
      const o = document.createElement("option");
      o.value = String(s);
      o.textContent = speedLabel(s);
      els.speed.append(o);
    }
    els.speed.value = "1";
    els.speed.addEventListener("change", () => (this.speed = Number(els.speed.value)));
    els.play.addEventListener("click", () => this.toggle());
    els.scrubber.max = String(endUs);
    els.scrubber.addEventListener("input", () => {
      this.pause();
      this.seek(Number(els.scrubber.value));
    });
    document.addEventListener("keydown", (e) => {
      if ((e.target as HTMLElement).closest("input, select, textarea") !== null) return;
      if (e.key === " ") this.toggle();
      else if (e.key === "Home") this.seek(0);
      else if (e.key === "End") this.seek(this.endUs);
      else return;
      e.preventDefault();
    });
    this.show();
    requestAnimationFrame((t) => this.frame(t));
  }

  seek(us: number): void {
    this.timeUs = Math.max(0, Math.min(this.endUs, us));
    this.dirty = true;
  }

  invalidate(): void {
    this.dirty = true;
  }

  toggle(): void {
    if (this.playing) this.pause();
    else {
      if (this.timeUs >= this.endUs) this.timeUs = 0;
      this.playing = true;
      this.lastFrame = performance.now();
      this.show();
    }
  }

  pause(): void {
    this.playing = false;
    this.show();
  }

  private show(): void {
    this.els.play.textContent = this.playing ? "❙❙ pause" : "▶ play";
    this.els.play.dataset["playing"] = String(this.playing);
  }

  private frame(now: number): void {
    if (this.playing) {
      this.timeUs = Math.min(this.endUs, this.timeUs + Math.min(100, now - this.lastFrame) * 1000 * this.speed);
      this.dirty = true;
      if (this.timeUs >= this.endUs) this.pause();
    }
    this.lastFrame = now;
    if (this.dirty) {
      this.dirty = false;
      this.draw(this.timeUs);
      this.els.scrubber.value = String(this.timeUs);
      this.els.time.textContent = `${(this.timeUs / 1e6).toFixed(6)} s`;
      this.els.time.dataset["us"] = String(this.timeUs);
    }
    requestAnimationFrame((t) => this.frame(t));
  }
}
