// How wide a text is drawn, so layouts can make room for their labels instead of guessing:
// measured on a canvas in the page's font; an estimate where there is no document (tests).

import { FONT } from "./painter.ts";

export type MeasureText = (text: string, px: number, bold?: boolean) => number;

/** A generous average glyph width, in ems, for where nothing can be measured. */
const ESTIMATE_EM = 0.62;

let ctx: CanvasRenderingContext2D | null | undefined;

export const measureText: MeasureText = (text, px, bold = false) => {
  if (ctx === undefined) ctx = typeof document === "undefined" ? null : document.createElement("canvas").getContext("2d");
  if (ctx === null) return text.length * px * ESTIMATE_EM;
  ctx.font = `${bold ? "600 " : ""}${px}px ${FONT}`;
  // Rounded up: SVG and canvas may place glyphs a fraction of a pixel apart.
  return Math.ceil(ctx.measureText(text).width) + 1;
};

/** The widest of `texts`. */
export const widest = (measure: MeasureText, texts: Iterable<string>, px: number, bold = false): number => {
  let w = 0;
  for (const t of texts) w = Math.max(w, measure(t, px, bold));
  return w;
};
