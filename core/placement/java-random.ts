// The parts of java.util.Random that Kafka's StripedReplicaPlacer draws on: nextInt(bound)
// and Collections.shuffle, over a source of `next(bits)`. With the source of Kafka's own
// MockRandom (server-common .../util/MockRandom.java) the placer gives exactly the
// assignments of StripedReplicaPlacerTest; the simulator feeds it its seeded stream.

import type { Rng } from "../env.ts";

export interface JavaRandom {
  /** Random.next(bits): the low `bits` bits are random, as a signed int. */
  next(bits: number): number;
}

/** java.util.Random.nextInt(bound): uniform in [0, bound), by rejection for non-powers of two. */
export function nextInt(random: JavaRandom, bound: number): number {
  let r = random.next(31);
  const m = bound - 1;
  // (int)((bound * (long)r) >> 31): exact in a double, since bound is a power of two.
  if ((bound & m) === 0) return Math.floor((bound * r) / 2147483648);
  // Java rejects u when u - r + m overflows an int: the last, partial run of `bound` values.
  for (let u = r; ((u - (r = u % bound) + m) | 0) < 0; u = random.next(31));
  return r;
}

/** Collections.shuffle(list, rnd) for a RandomAccess list: from the end, swap with a random earlier slot. */
export function shuffle<T>(list: T[], random: JavaRandom): void {
  for (let i = list.length; i > 1; i--) {
    const j = nextInt(random, i);
    const t = list[i - 1]!;
    list[i - 1] = list[j]!;
    list[j] = t;
  }
}

/** A JavaRandom over a seeded stream: 32 random bits a draw, the high `bits` kept, as Random.next does. */
export function javaRandomOf(rng: Rng): JavaRandom {
  return { next: (bits) => (rng.int32() >>> (32 - bits)) | 0 };
}
