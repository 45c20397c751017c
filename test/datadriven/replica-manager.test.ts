// The replica manager's golden scripts (test/datadriven/replica-manager/*.txt, etcd
// datadriven format): acks=all waiting on followers, the HW moving with follower fetches,
// NOT_ENOUGH_REPLICAS under min.insync.replicas, ISR shrink after replica.lag.time.max.ms and
// truncation on a diverging epoch, transaction markers and READ_COMMITTED fetches, after
// Kafka's ReplicaManagerTest, PartitionTest and UnifiedLogTest.
// UPDATE_GOLDEN=1 npx vitest run test/datadriven rewrites the expected outputs.

import { ReplicaManagerScript } from "./replica-manager-node.ts";
import { describeScripts } from "./script.ts";

describeScripts("replica manager scripts", new URL("replica-manager/", import.meta.url), () => new ReplicaManagerScript().run);
