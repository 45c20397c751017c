// How the application around a transactional producer uses it (`producers[].transactions`):
// it begins a transaction with its first record, commits after `records` records or `every` µs
// since the begin (whichever is set), and aborts instead a seeded share `abort` of them. While
// commitTransaction() or abortTransaction() runs, the application thread waits, and records
// that fall due wait with it, as they do behind a blocking call in a real application. A
// pipeline (Kafka Streams) ends its transactions itself, at each commit (`byApplication`).

export interface TransactionPlan {
  /** Commit after this many records; null when ended by time. */
  readonly records: number | null;
  /** Commit this long after the transaction began; null when ended by count. */
  readonly everyUs: number | null;
  /** Share of transactions aborted instead of committed, in [0, 1]. */
  readonly abort: number;
  /** The application commits and aborts itself (Producer.commitTransaction/abortTransaction); records and everyUs are null. */
  readonly byApplication?: true;
}
