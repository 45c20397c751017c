// KIP-890 part 1's verification state on a partition leader: Kafka's VerificationGuard and
// VerificationStateEntry (storage/.../log/). Before the first transactional batch of a producer
// is appended, the leader creates a guard and asks the coordinator whether the partition is in
// the transaction; the append must then present the same guard. Any transactional write of the
// producer (its first batch, or a marker ending the transaction) clears the entry, so a
// verification that raced with the end of its transaction cannot let a late batch in.

/** VerificationGuard: compared by identity. */
export class VerificationGuard {
  static readonly SENTINEL = new VerificationGuard();

  /** verify: a real guard, and the very one the verification created. */
  verify(other: VerificationGuard): boolean {
    return other !== VerificationGuard.SENTINEL && other === this;
  }
}

/** VerificationStateEntry: one per producer id while a verification is pending. */
export interface VerificationStateEntry {
  readonly guard: VerificationGuard;
  /** The lowest sequence and the epoch the verifications named (maybeUpdateLowestSequenceAndEpoch). */
  lowestSequence: number;
  epoch: number;
  /** The produce that started it adds the partition (transaction.version 2). */
  readonly supportsEpochBump: boolean;
}

export class VerificationStates {
  private readonly entries = new Map<number, VerificationStateEntry>();

  /** maybeCreateVerificationStateEntry: the producer's entry, created if it has none. */
  maybeCreate(producerId: number, sequence: number, epoch: number, supportsEpochBump: boolean): VerificationStateEntry {
    let e = this.entries.get(producerId);
    if (e === undefined) {
      e = { guard: new VerificationGuard(), lowestSequence: sequence, epoch, supportsEpochBump };
      this.entries.set(producerId, e);
    } else if (epoch > e.epoch) {
      e.epoch = epoch;
      e.lowestSequence = sequence;
    } else if (epoch === e.epoch && sequence < e.lowestSequence) e.lowestSequence = sequence;
    return e;
  }

  get(producerId: number): VerificationStateEntry | undefined {
    return this.entries.get(producerId);
  }

  /**
   * UnifiedLog.updateProducers: a transactional batch or marker clears it — except a
   * transaction.version 2 marker at the entry's epoch: the next transaction, at the bumped
   * epoch the marker carries, was verified before the marker landed.
   */
  onTransactionalAppend(producerId: number, isControl: boolean, epoch: number): void {
    const e = this.entries.get(producerId);
    if (e === undefined) return;
    if (e.supportsEpochBump && isControl && epoch === e.epoch) return;
    this.entries.delete(producerId);
  }

  clear(): void {
    this.entries.clear();
  }
}
