// Every timer a Kafka node can set, as one union on `kind`: the world carries timers as
// opaque payloads and hands each back to the node that set it, whose onTimer switches on
// `kind` exhaustively (no string tags to parse).

import type { BrokerTimer } from "./broker/broker-timers.ts";
import type { ConsumerTimer } from "./consumer/consumer-timers.ts";
import type { ControllerTimer } from "./controller/controller-timers.ts";
import type { ProducerTimer } from "./producer/producer-timers.ts";
import type { QuorumNodeTimer } from "./controller/quorum-controller-node.ts";
import type { PipelineTimer } from "./streams/pipeline-timers.ts";

export type Timer = BrokerTimer | ControllerTimer | QuorumNodeTimer | ProducerTimer | ConsumerTimer | PipelineTimer;
