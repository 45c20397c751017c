// Which __transaction_state partition holds a transactional.id, and so which broker is its
// transaction coordinator: TransactionStateManager.partitionFor = Utils.abs(id.hashCode) % n,
// the same rule as the group coordinator's.

import { javaStringHashCode, kafkaAbs } from "../group/partition-for.ts";

export const TRANSACTION_STATE_TOPIC = "__transaction_state";

export function transactionPartition(transactionalId: string, transactionStatePartitions: number): number {
  return kafkaAbs(javaStringHashCode(transactionalId)) % transactionStatePartitions;
}
