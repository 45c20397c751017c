// The mix of mix.ts on the simulator's own Scheduler (sim/kernel/scheduler.ts), written
// the way the world drives it on hot paths: one shared handler per event type, state in
// the event's slots (no closure per event), chain events posted without a handle as the
// network posts deliveries, timeouts as cancellable timers (cancellation through `cancel`).

import { Scheduler, type ScheduledEvent } from "../kernel/scheduler.ts";
import { TABLE_MASK, type MixLoop, type MixResult, type MixSpec, type MixTable } from "./mix.ts";

interface Chain {
  timer: ScheduledEvent | null;
}

export class KernelLoop implements MixLoop {
  readonly scheduler = new Scheduler();
  private readonly chains: Chain[] = [];
  private cursor = 0;
  private timeouts = 0;
  private checksum = 0;

  constructor(
    private readonly spec: MixSpec,
    private readonly table: MixTable,
  ) {}

  fill(): void {
    for (let c = 0; c < this.spec.chains; c++) {
      const chain: Chain = { timer: null };
      this.chains.push(chain);
      this.scheduler.post(this.scheduler.now() + this.table.delayUs[this.cursor++ & TABLE_MASK]!, this.onEvent, chain);
    }
  }

  runUntil(untilUs: number): void {
    this.scheduler.runUntil(untilUs);
  }

  result(): MixResult {
    return { events: this.scheduler.processed, timeouts: this.timeouts, checksum: this.checksum, heapEntries: this.scheduler.pending };
  }

  private readonly onEvent = (ev: ScheduledEvent): void => {
    const s = this.scheduler;
    const chain = ev.a as Chain;
    this.checksum += ev.timeUs;
    const i = this.cursor++ & TABLE_MASK;
    s.post(ev.timeUs + this.table.delayUs[i]!, this.onEvent, chain);
    if (this.table.armsTimer[i] === 1) {
      if (chain.timer !== null) s.cancel(chain.timer);
      chain.timer = s.after(this.spec.timeoutUs, this.onTimeout, chain);
    }
  };

  private readonly onTimeout = (ev: ScheduledEvent): void => {
    (ev.a as Chain).timer = null;
    this.timeouts++;
    this.checksum += ev.timeUs;
  };
}
