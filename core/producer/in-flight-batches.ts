// Sender.inFlightBatches: per partition, the batches sent and not yet done, in the order they
// were sent. The creation time of each partition's first one is kept in a typed column, so the
// delivery-timeout checks the Sender makes on every pass read numbers, not lists.

import { withCapacity } from "../typed-arrays.ts";
import type { ProducerBatch } from "./producer-batch.ts";

export class InFlightBatches {
  private readonly lists: ProducerBatch[][] = [];
  /** createdUs of each partition's first batch in flight; Infinity when none. */
  private headCreatedUs = new Float64Array(0);
  private count = 0;

  add(batch: ProducerBatch): void {
    const p = batch.partition;
    const list = (this.lists[p] ??= []);
    if (p >= this.headCreatedUs.length) {
      const from = this.headCreatedUs.length;
      this.headCreatedUs = withCapacity(this.headCreatedUs, p + 1);
      this.headCreatedUs.fill(Number.POSITIVE_INFINITY, from);
    }
    list.push(batch);
    if (list.length === 1) this.headCreatedUs[p] = batch.createdUs;
    this.count++;
  }

  remove(batch: ProducerBatch): void {
    const list = this.lists[batch.partition];
    const i = list === undefined ? -1 : list.indexOf(batch);
    if (i < 0) return;
    list!.splice(i, 1);
    this.count--;
    if (i === 0) this.headCreatedUs[batch.partition] = list!.length > 0 ? list![0]!.createdUs : Number.POSITIVE_INFINITY;
  }

  get size(): number {
    return this.count;
  }

  has(partition: number): boolean {
    return (this.lists[partition]?.length ?? 0) > 0;
  }

  of(partition: number): readonly ProducerBatch[] {
    return this.lists[partition] ?? [];
  }

  /**
   * Takes out the batches that reached `deliveryTimeoutUs` since creation, partition by partition
   * from the first sent, stopping at a partition's first one still in time (getExpiredInflightBatches).
   */
  expired(nowUs: number, deliveryTimeoutUs: number, each: (batch: ProducerBatch) => void): void {
    if (this.count === 0) return;
    const heads = this.headCreatedUs;
    for (let p = 0; p < heads.length; p++) {
      if (!(nowUs - heads[p]! >= deliveryTimeoutUs)) continue;
      const list = this.lists[p]!;
      while (list.length > 0 && nowUs - list[0]!.createdUs >= deliveryTimeoutUs) {
        const batch = list.shift()!;
        this.count--;
        each(batch);
      }
      heads[p] = list.length > 0 ? list[0]!.createdUs : Number.POSITIVE_INFINITY;
    }
  }

  /** The earliest delivery deadline among them (Infinity: none in flight). */
  nextDeadlineUs(deliveryTimeoutUs: number): number {
    if (this.count === 0) return Number.POSITIVE_INFINITY;
    let t = Number.POSITIVE_INFINITY;
    const heads = this.headCreatedUs;
    for (let p = 0; p < heads.length; p++) if (heads[p]! < t) t = heads[p]!;
    return t + deliveryTimeoutUs;
  }
}
