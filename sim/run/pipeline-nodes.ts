// Pipelines in a world: one PipelineInstance node per instance, named <id>-<n>, with the
// clients Streams would build (its config overrides), EOS v2's transactional.id <id>-<n> per
// instance (Streams derives it from the application id and the thread: stable across a
// restart here, so a restarted instance fences its predecessor's open transaction), and the
// processing time drawn per record from the node's own random stream.

import { consumerSettings, producerSettings } from "../../core/config/index.ts";
import type { SimNode } from "../../core/env.ts";
import type { KafkaMessage } from "../../core/protocol/messages.ts";
import { PipelineInstance } from "../../core/streams/pipeline-instance.ts";
import type { PipelineTimer } from "../../core/streams/pipeline-timers.ts";
import type { ConsumerHistory } from "../check/consumer-history.ts";
import type { History } from "../check/history.ts";
import type { PipelineOutputs } from "../check/pipeline-outputs.ts";
import type { RecordKeys } from "../check/retention-removals.ts";
import type { Scenario } from "../scenario/types.ts";
import { sample } from "../workload/sample.ts";

export function pipelineNodes(scenario: Scenario, brokerIds: readonly number[], consumed: ConsumerHistory, produced: History, outputs: PipelineOutputs, keys: RecordKeys): { name: string; factory: () => SimNode<KafkaMessage, PipelineTimer> }[] {
  const nodes: { name: string; factory: () => SimNode<KafkaMessage, PipelineTimer> }[] = [];
  scenario.pipelines.forEach((p, index) => {
    consumed.addGroup(p.group, p.from);
    const consumer = { ...consumerSettings(p.consumerConfig), groupId: p.group };
    const producer = producerSettings(p.producerConfig);
    const outputOf = (inputRid: number): number => {
      const rid = outputs.outputOf(index, inputRid);
      keys.copyKey(inputRid, rid); // the checker's view of compaction follows outputs too
      return rid;
    };
    const observer = { consumed, produced, outputOf };
    for (let n = 1; n <= p.instances; n++) {
      const name = `${p.id}-${n}`;
      const config = {
        group: p.group,
        from: p.from,
        to: p.to,
        streams: p.streams,
        consumer,
        producer: producer.transactionalId === null ? producer : { ...producer, transactionalId: name },
        processingTimeUs: (rng: Parameters<typeof sample>[1]) => sample(p.processingTimeUs, rng),
      };
      nodes.push({ name, factory: () => new PipelineInstance(config, brokerIds, observer) });
    }
  });
  return nodes;
}
