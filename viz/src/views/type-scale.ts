// The sizes text is drawn at. Every view takes one TypeScale and sizes its text as a ratio of
// the base, never under the floor: normal and large type keep their proportions (floor 0);
// presentation mode puts a floor under everything, so the smallest label is what the back of
// the room reads, while spacing stays tied to the base and the page stays compact.

export interface TypeScale {
  /** Names and titles are drawn at the base; spacing is measured in it. */
  readonly basePx: number;
  /** No text is drawn smaller than this. */
  readonly floorPx: number;
}

/** Proportional type (normal, large): the base, no floor. */
export const proportionalType = (basePx: number): TypeScale => ({ basePx, floorPx: 0 });

/**
 * Presentation type: no text under `floorPx`; the base sits a little under it, so titles and
 * labels come out one size and lines are spaced for that size, not for a larger base.
 */
export const presentationType = (floorPx: number): TypeScale => ({ basePx: floorPx / 1.2, floorPx });

/** The size of text that is `ratio` of the base (0.8 for a secondary label), at least the floor. */
export const textPx = (type: TypeScale, ratio: number): number => Math.max(type.floorPx, type.basePx * ratio);

/** The height of one line of `px` text with its leading. */
export const linePx = (px: number): number => Math.ceil(px * 1.3);
