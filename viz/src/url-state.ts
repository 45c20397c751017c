// Everything needed to land on the same picture, in the URL: scenario, seed, config
// overrides, interventions, the compare configuration, the time and whether it is paused,
// the type size and presentation mode; an edited scenario's text too (`yaml=`, deflated and
// base64url-encoded: scenario-url.ts).

import type { Intervention } from "./interventions.ts";
import { parseInterventions, formatInterventions } from "./interventions.ts";

export interface UrlState {
  scenario: string;
  seed: number | null;
  /** `--set` overrides (key.path=value). */
  set: string[];
  interventions: Intervention[];
  /** Overrides of the second configuration; null = no compare mode. */
  compare: string[] | null;
  timeMs: number | null;
  paused: boolean;
  speed: number | null;
  large: boolean;
  /** Presentation mode: type for a classroom, the cluster view and the timeline on one screen. */
  present: boolean;
  /** Predict, then reveal (reveal.ts): reveal=1 on, reveal=0 off; absent, the default (on in presentation mode). */
  reveal?: boolean;
  /** The edited scenario text, encoded (scenario-url.ts); null = the library's file. */
  yaml: string | null;
}

export function readUrl(search: string): UrlState {
  const q = new URLSearchParams(search);
  const seed = q.get("seed");
  const t = q.get("t");
  const speed = q.get("speed");
  const reveal = q.get("reveal");
  return {
    scenario: q.get("scenario") ?? "",
    seed: seed !== null && /^-?\d+$/.test(seed) ? Number(seed) : null,
    set: q.getAll("set"),
    interventions: parseInterventions(q.get("iv") ?? ""),
    compare: q.has("compare") ? q.getAll("cmp") : null,
    timeMs: t !== null && Number.isFinite(Number(t)) ? Number(t) : null,
    paused: q.get("paused") === "1",
    speed: speed !== null && Number(speed) > 0 ? Number(speed) : null,
    large: q.get("large") === "1",
    present: q.get("present") === "1",
    yaml: q.get("yaml"),
    ...(reveal === "1" || reveal === "0" ? { reveal: reveal === "1" } : {}),
  };
}

export function writeUrl(s: UrlState): string {
  const q = new URLSearchParams();
  q.set("scenario", s.scenario);
  if (s.seed !== null) q.set("seed", String(s.seed));
  for (const x of s.set) q.append("set", x);
  if (s.interventions.length > 0) q.set("iv", formatInterventions(s.interventions));
  if (s.compare !== null) {
    q.set("compare", "1");
    for (const x of s.compare) q.append("cmp", x);
  }
  if (s.timeMs !== null) q.set("t", String(Math.round(s.timeMs * 1000) / 1000));
  if (s.paused) q.set("paused", "1");
  if (s.speed !== null) q.set("speed", String(s.speed));
  if (s.large) q.set("large", "1");
  if (s.present) q.set("present", "1");
  if (s.reveal !== undefined) q.set("reveal", s.reveal ? "1" : "0");
  if (s.yaml !== null) q.set("yaml", s.yaml);
  return `?${q.toString()}`;
}
