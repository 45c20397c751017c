// Kafka config catalogs: names, defaults, validation and typed settings.
export * from "./catalog.ts";
export * from "./broker-config.ts";
export * from "./topic-config.ts";
export * from "./producer-config.ts";
export * from "./consumer-config.ts";
export { closestKey, editDistance, foldKey } from "./closest-key.ts";
export { formatDurationUs, parseDurationUs, parseSizeBytes, type Parsed } from "./units.ts";
