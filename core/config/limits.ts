// Java's integer limits as Kafka's configs use them.

/** Java's Long.MAX_VALUE, as the largest integer a double holds exactly. Kafka uses it for "never". */
export const LONG_MAX = Number.MAX_SAFE_INTEGER;
/** Java's Integer.MAX_VALUE. */
export const INT_MAX = 2_147_483_647;
