// The controller's golden scripts (test/datadriven/controller/*.txt, etcd datadriven format):
// registration, fencing on a missed session, clean and unclean elections, controlled
// shutdown and AlterPartition validation, as ReplicationControlManagerTest and
// QuorumControllerTest check them in Kafka. UPDATE_GOLDEN=1 npx vitest run test/datadriven
// rewrites the expected outputs.

import { ControllerScript } from "./controller-node.ts";
import { describeScripts } from "./script.ts";

describeScripts("controller scripts", new URL("controller/", import.meta.url), () => new ControllerScript().run);
