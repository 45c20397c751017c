// Predict, then reveal: with it on, a run's outcome (the verdict, the lost records, their
// marks on the timeline) stays off the page until the playback reaches the moment it is
// decided — the loss (model/loss-moment.ts), or the end of the run when nothing is lost — or
// until the teacher clicks "reveal". Going back before that moment hides it again, so a
// class can replay and predict again; a click holds until the next run.

import type { UrlState } from "./url-state.ts";

export class Reveal {
  enabled = false;
  private clicked = false;

  /** A new run: nothing clicked yet. */
  reset(enabled: boolean): void {
    this.enabled = enabled;
    this.clicked = false;
  }

  click(): void {
    this.clicked = true;
  }

  shown(revealUs: number, timeUs: number): boolean {
    return !this.enabled || this.clicked || timeUs >= revealUs;
  }
}

/**
 * On with reveal=1, off with reveal=0, otherwise on in presentation mode. Presentation mode
 * is another part of the page (present=1); it is read here without depending on it.
 */
export function revealWanted(state: UrlState, search: string): boolean {
  if (state.reveal !== undefined) return state.reveal;
  const present = (state as { readonly present?: unknown }).present;
  return present === true || new URLSearchParams(search).get("present") === "1";
}

/** When a run's outcome is decided: its loss, else the end of its duration (or of the run, if it stopped early). */
export function revealTimeUs(lossUs: number | null, durationUs: number, endUs: number): number {
  return lossUs ?? Math.min(durationUs, endUs);
}
