// Real clients' produces in the run's History, as a modelled producer's Sender reports its own
// (core/producer: sent and sealed when a batch leaves, acknowledged or failed when its answer
// comes): so the summary's `produced` and `durability` cover the real clients' records. A real
// client is named after its client.id ("real:<client.id>"); each attempt of a batch is its own
// retry is the batch's first entry again (produced-batch.ts).

import type { ProduceRequest, ProduceResponse } from "../../core/protocol/messages.ts";
import type { History } from "../check/history.ts";
import type { ProduceLedger } from "./translate/translation.ts";

export class RealClientHistory implements ProduceLedger {
  constructor(
    private readonly history: History,
    private readonly nowUs: () => number,
  ) {}

  sent(client: string, req: ProduceRequest): void {
    const now = this.nowUs();
    for (const p of req.partitions) {
      for (let i = 0; i < p.batch.count; i++) this.history.sent(p.batch.ridAt(i), `real:${client}`, p.topic, p.partition, p.batch.keyAt(i), now);
      this.history.sealed(`real:${client}`, p.topic, p.partition, p.batch);
    }
  }

  answered(req: ProduceRequest, res: ProduceResponse | null): void {
    if (res === null) return;
    const now = this.nowUs();
    for (const p of req.partitions) {
      const r = res.partitions.find((x) => x.topic === p.topic && x.partition === p.partition);
      if (r === undefined) continue;
      // An error is not the batch's end: the client may retry it (the same batch, produced-batch.ts),
      // and only it knows when it gives up; until an acknowledgement the records stay pending.
      if (r.error === "NONE") this.history.acknowledged(p.batch, r.baseOffset, now);
      else this.history.errorResponse(r.error, p.batch.count);
    }
  }
}
