// The scenario loader's public API (browser-safe: read-file.ts, which needs node:fs, is imported separately).
export { loadScenario, validateScenario, type Validation } from "./loader.ts";
export { ScenarioError } from "./errors.ts";
export { applyOverrides } from "./set-override.ts";
export { didYouMean } from "./did-you-mean.ts";
export { formatDurationUs, parseBandwidth, parseDurationUs, parseRate, parseSizeBytes } from "./units.ts";
export * from "./types.ts";
