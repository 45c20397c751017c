// Entry point: builds the app from the URL and exposes a small handle for tests and
// measurements (window.__viz).

import { App } from "./app.ts";

const app = new App();
void app.load();

interface VizHandle {
  readonly app: App;
  /** Renders `frames` seeks spread over the run; returns per-frame render times in ms. */
  measureScrub(frames: number): number[];
}

const handle: VizHandle = {
  app,
  measureScrub(frames: number): number[] {
    const end = Math.max(app.a?.model.endUs ?? 0, 1);
    const out: number[] = [];
    for (let i = 0; i < frames; i++) {
      // A back-and-forth scrub: forwards through the run, then jumps backwards.
      const u = i % 2 === 0 ? i / frames : 1 - i / frames;
      app.playback.seek(u * end);
      out.push(app.playback.renderNow());
    }
    return out;
  },
};
(window as unknown as { __viz: VizHandle }).__viz = handle;
