// Which __consumer_offsets partition holds a group, and so which broker coordinates it:
// GroupCoordinatorService.partitionFor = Utils.abs(groupId.hashCode()) % numPartitions.
// Note Utils.abs maps Integer.MIN_VALUE to 0 (it is not toPositive's `& 0x7fffffff`).

export const OFFSETS_TOPIC = "__consumer_offsets";

/** java.lang.String.hashCode over UTF-16 code units, as a signed 32-bit int. */
export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** org.apache.kafka.common.utils.Utils.abs. */
export function kafkaAbs(n: number): number {
  return n === -2147483648 ? 0 : Math.abs(n);
}

export function groupPartition(groupId: string, offsetsTopicPartitions: number): number {
  return kafkaAbs(javaStringHashCode(groupId)) % offsetsTopicPartitions;
}
