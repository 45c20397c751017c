// AbstractPartitionAssignor.useRackAwareAssignment (KIP-881), shared by the range and sticky
// assignors: rack-aware assignment only when some member's rack holds replicas and the
// partitions' racks differ; when every partition has a replica in every rack, any assignment is
// rack-aligned and the assignors keep their rack-unaware result.
// `preferRackAwareLogic` is Kafka's switch "used only in unit tests to verify rack-aware
// assignment when all racks have all partitions"; no config sets it.
// Source: clients/src/main/java/org/apache/kafka/clients/consumer/internals/AbstractPartitionAssignor.java

export function useRackAwareAssignment(
  consumerRacks: ReadonlySet<string>,
  racksPerPartition: Iterable<ReadonlySet<string>>,
  preferRackAwareLogic = false,
): boolean {
  const perPartition = [...racksPerPartition];
  const partitionRacks = new Set(perPartition.flatMap((r) => [...r]));
  if (consumerRacks.size === 0 || ![...consumerRacks].some((r) => partitionRacks.has(r))) return false;
  if (preferRackAwareLogic) return true;
  // Each partition's racks are a subset of the union, so equal size means equal set.
  return !perPartition.every((r) => r.size === partitionRacks.size);
}
