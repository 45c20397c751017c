// The transaction checker: how the application's transactions ended (from the client history),
// what of them the final logs hold (read_committed's view, from the logs' own markers), and what
// each consumer group's application was handed of transactions that aborted (an aborted read,
// Adya's G1a) or had not yet committed when it processed them (read_uncommitted's dirty reads).

import type { RecordBatch } from "../../core/protocol/records.ts";
import type { GroupHistory } from "./consumer-history.ts";
import { TransactionOutcome, type History } from "./history.ts";
import { transactionVisibility, Visibility } from "./transaction-visibility.ts";

export interface TransactionsReport {
  committed: number;
  aborted: number;
  /** Transactions the coordinator aborted at transaction.timeout.ms. */
  timedOut: number;
  /** Transactions that ended with their producer fenced (a newer incarnation, or a timeout's epoch bump): aborted by the coordinator. */
  fenced: number;
  /** Transactions whose producer died of another fatal error with them open. */
  failed: number;
  /** Transactions that never ended (the producer crashed with one open, or the run ended first). */
  open: number;
  /** Records acknowledged by produce in transactions that then aborted. */
  abortedRecords: number;
  /** Records below the final high watermarks under an ABORT marker, and in transactions with no marker yet (hanging). */
  abortedInLog: number;
  hangingInLog: number;
}

/** The committed logs as read_committed readers see them: no markers, no aborted or undecided transactions. */
export function readCommittedView(batches: readonly RecordBatch[], highWatermark: number): { batches: readonly RecordBatch[]; aborted: number; hanging: number } {
  const visibility = transactionVisibility(batches, highWatermark);
  if (visibility === null) return { batches, aborted: 0, hanging: 0 };
  const out: RecordBatch[] = [];
  let aborted = 0;
  let hanging = 0;
  for (let i = 0; i < batches.length; i++) {
    const b = batches[i]!;
    const v = visibility[i];
    if (v === Visibility.VISIBLE) out.push(b);
    else if (b.baseOffset < highWatermark) {
      if (v === Visibility.ABORTED) aborted += b.count;
      else if (v === Visibility.OPEN) hanging += b.count;
    }
  }
  return { batches: out, aborted, hanging };
}

export function checkTransactions(history: History, timedOut: number, abortedInLog: number, hangingInLog: number): TransactionsReport {
  const n = history.transactionOutcomes();
  return { committed: n.committed, aborted: n.aborted, timedOut, fenced: n.fenced, failed: n.failed, open: n.open, abortedRecords: history.abortedCount, abortedInLog, hangingInLog };
}

/**
 * Per group: records processed whose transaction aborted (abortedRead), and records processed
 * before their transaction's commit returned to its producer or of one that never committed
 * (uncommittedRead, which includes the aborted ones).
 */
export function transactionalReads(history: History, g: GroupHistory): { abortedRead: number; uncommittedRead: number } {
  let abortedRead = 0;
  let uncommittedRead = 0;
  for (let k = 0; k < g.rangeCount; k++) {
    const b = g.rangeBatch(k);
    if (!b.isTransactional) continue;
    const doneUs = g.rangeFirstDoneUs(k);
    for (let i = g.rangeFrom(k), to = g.rangeTo(k); i < to; i++) {
      const txn = history.transactionOf(b.ridAt(i));
      if (txn < 0) continue;
      const outcome = history.transactionOutcome(txn);
      if (outcome === TransactionOutcome.ABORTED || outcome === TransactionOutcome.FENCED) abortedRead++;
      if (outcome !== TransactionOutcome.COMMITTED || history.transactionEndUs(txn) > doneUs) uncommittedRead++;
    }
  }
  return { abortedRead, uncommittedRead };
}
