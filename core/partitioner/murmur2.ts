// Kafka's keyed partitioning hash. A key lands on the same partition in the simulator as it
// would with a real Java producer only if this is bit-for-bit Utils.murmur2, so every step
// below is 32-bit two's-complement arithmetic (Math.imul, >>>, |0) exactly as the Java ints wrap.
//
// Source: clients/src/main/java/org/apache/kafka/common/utils/Utils.java (murmur2, toPositive).

const SEED = 0x9747b28c;
const M = 0x5bd1e995;
const R = 24;

/** Kafka's `Utils.murmur2(byte[])`: a signed 32-bit hash of the serialized key. */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = SEED ^ length;
  const length4 = length >>> 2;

  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    // Little-endian word; the four bytes never overlap, so | is Java's int +.
    let k = data[i4]! | (data[i4 + 1]! << 8) | (data[i4 + 2]! << 16) | (data[i4 + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }

  // Java's switch falls through from case 3 to case 1; the chain of ifs does the same.
  const tail = length & ~3;
  const rem = length % 4;
  if (rem >= 3) h ^= data[tail + 2]! << 16;
  if (rem >= 2) h ^= data[tail + 1]! << 8;
  if (rem >= 1) {
    h ^= data[tail]!;
    h = Math.imul(h, M);
  }

  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/**
 * Kafka's `Utils.toPositive`: clears the sign bit (`n & 0x7fffffff`). It is not `Math.abs`:
 * toPositive(-1) is 2147483647, and changing it would move every key to another partition.
 */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}
