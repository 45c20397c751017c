// Okabe–Ito, the colour-blind-safe palette (Okabe & Ito, "Color Universal Design", 2008),
// and what each colour means in every view. States also differ by pattern or label, never by
// colour alone.

export const OKABE_ITO = {
  black: "#000000",
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  green: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  purple: "#CC79A7",
} as const;

export const STATE_COLOURS = {
  up: OKABE_ITO.green,
  fenced: OKABE_ITO.yellow,
  crashed: OKABE_ITO.vermillion,
  powerLost: OKABE_ITO.black,
  paused: OKABE_ITO.purple,
  stopping: OKABE_ITO.orange,
  stopped: "#999999",
  down: "#dddddd",
} as const;

/** One colour per broker (leaders are drawn in their broker's colour). */
const BROKER_COLOURS = [OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.green, OKABE_ITO.purple, OKABE_ITO.skyBlue, OKABE_ITO.vermillion, OKABE_ITO.yellow];

export function brokerColour(id: number): string {
  return id < 1 ? "#999999" : BROKER_COLOURS[(id - 1) % BROKER_COLOURS.length]!;
}

/**
 * Messages in flight, by family, in colours no broker has (brokers take Okabe–Ito's seven
 * colours): dark tones from Paul Tol's colour-blind-safe "muted" scheme, and black.
 */
export const MESSAGE_FAMILIES = [
  { name: "Produce", colour: "#332288" },
  { name: "Fetch", colour: "#882255" },
  { name: "controller", colour: "#999933" },
  { name: "group", colour: "#000000" },
] as const;
const OTHER_MESSAGE = "#888888";

export type MessageFamily = (typeof MESSAGE_FAMILIES)[number]["name"];

/** A message kind's family: produce, replication fetch, controller, group; null for the rest. */
export function messageFamily(kind: string): MessageFamily | null {
  if (kind.startsWith("Produce")) return "Produce";
  if (kind.startsWith("Fetch")) return "Fetch";
  if (kind.startsWith("Broker") || kind.startsWith("AlterPartition") || kind.startsWith("Metadata") || kind.startsWith("ControlledShutdown")) return "controller";
  if (/Group|Heartbeat|Offset|Coordinator|Join|Sync/.test(kind)) return "group";
  return null;
}

export function messageColour(kind: string): string {
  const family = messageFamily(kind);
  return MESSAGE_FAMILIES.find((f) => f.name === family)?.colour ?? OTHER_MESSAGE;
}

/** A network cut, and the records a replica holds past its leader's log (orphaned). */
export const CUT_COLOUR = OKABE_ITO.vermillion;
export const ORPHAN_COLOUR = OKABE_ITO.vermillion;

export const LOST_COLOUR = OKABE_ITO.vermillion;
export const FAULT_COLOUR = OKABE_ITO.vermillion;
export const LESSON_COLOUR = OKABE_ITO.skyBlue;
