// LeaderEpochCache against Kafka's LeaderEpochFileCacheTest
// (storage/src/test/java/org/apache/kafka/storage/internals/epoch/LeaderEpochFileCacheTest.java),
// one Vitest case per Kafka test method that exercises a method we have: assign, latestEpoch,
// endOffsetFor, truncateFromEnd, truncateFromStart and the checkpoint (snapshot) round trip.
// Kafka's previousEpoch/nextEpoch/epochForOffset have no counterpart here and are not ported.

import { describe, expect, it } from "vitest";
import { LeaderEpochCache, UNDEFINED_EPOCH, UNDEFINED_EPOCH_OFFSET, type EpochEntry } from "../../core/log/leader-epoch-cache.ts";

const UNDEFINED = { epoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET };

function cacheOf(...entries: Array<[epoch: number, startOffset: number]>): LeaderEpochCache {
  const cache = new LeaderEpochCache();
  for (const [epoch, offset] of entries) cache.assign(epoch, offset);
  return cache;
}

function entries(cache: LeaderEpochCache): Array<[number, number]> {
  return cache.snapshot().map((e: EpochEntry) => [e.epoch, e.startOffset]);
}

const end = (epoch: number, endOffset: number) => ({ epoch, endOffset });

describe("LeaderEpochCache.assign", () => {
  it("assign(2, 10) adds the entry; endOffsetFor(2, 11) is the LEO (shouldAddEpochAndMessageOffsetToCache)", () => {
    const cache = cacheOf([2, 10]);
    expect(cache.latestEpoch()).toBe(2);
    expect(entries(cache)).toEqual([[2, 10]]);
    expect(cache.endOffsetFor(2, 11)).toEqual(end(2, 11));
  });

  it("assign(2, 10) after assign(2, 9) keeps 9 (shouldNotOverwriteLogEndOffsetForALeaderEpochOnceItHasBeenAssigned)", () => {
    const cache = cacheOf([2, 9], [2, 10]);
    expect(entries(cache)).toEqual([[2, 9]]);
  });

  it("assign(3, 9) after assign(2, 9) replaces it (shouldEnforceMonotonicallyIncreasingStartOffsets)", () => {
    expect(entries(cacheOf([2, 9], [3, 9]))).toEqual([[3, 9]]);
  });

  it("assign(2, 10) after assign(2, 6) keeps 6 (shouldNotOverwriteOffsetForALeaderEpochOnceItHasBeenAssigned)", () => {
    expect(entries(cacheOf([2, 6], [2, 10]))[0]).toEqual([2, 6]);
  });

  it("assign(2, 7) after assign(2, 6) is a no-op that reports no change (shouldNotUpdateEpochAndStartOffsetIfItDidNotChange)", () => {
    const cache = cacheOf([2, 6]);
    expect(cache.assign(2, 7)).toBe(false);
    expect(entries(cache)).toEqual([[2, 6]]);
  });

  it("assign(7, 12) after (5,11),(6,12),(7,13) truncates the conflicting entries (shouldTruncateIfMatchingEpochButEarlierStartingOffset)", () => {
    const cache = cacheOf([5, 11], [6, 12], [7, 13], [7, 12]);
    expect(entries(cache)).toEqual([
      [5, 11],
      [7, 12],
    ]);
    expect(cache.endOffsetFor(5, 0)).toEqual(end(5, 12));
    expect(cache.endOffsetFor(6, 0)).toEqual(end(5, 12));
  });

  it("assign(1, 7) after (1,5),(2,6) drops both: epochs stay monotonic (shouldEnforceMonotonicallyIncreasingEpochs)", () => {
    const cache = cacheOf([1, 5], [2, 6], [1, 7]);
    expect(cache.latestEpoch()).toBe(1);
    expect(cache.endOffsetFor(1, 8)).toEqual(end(1, 8));
    expect(cache.endOffsetFor(2, 8)).toEqual(UNDEFINED);
    expect(entries(cache)).toEqual([[1, 7]]);
  });

  it("assign(3, 5) after assign(2, 6) replaces it: offsets stay monotonic (shouldEnforceOffsetsIncreaseMonotonically)", () => {
    expect(entries(cacheOf([2, 6], [3, 5]))).toEqual([[3, 5]]);
  });

  it("tracks epochs 0→1→2 as leaders change (shouldIncreaseAndTrackEpochsAsLeadersChangeManyTimes)", () => {
    const cache = cacheOf([0, 0], [1, 0]);
    expect(cache.latestEpoch()).toBe(1);
    expect(cache.endOffsetFor(1, 0)).toEqual(end(1, 0));
    // assign(1, 0) removed (0, 0): epoch 0 now lies before the first entry, so its end is 0.
    expect(cache.endOffsetFor(0, 0)).toEqual(end(0, 0));
    expect(cache.endOffsetFor(1, 5)).toEqual(end(1, 5));
    expect(cache.endOffsetFor(0, 5)).toEqual(end(0, 0));
    cache.assign(2, 5);
    expect(cache.endOffsetFor(2, 10)).toEqual(end(2, 10));
    expect(cache.endOffsetFor(1, 10)).toEqual(end(1, 5));
    expect(cache.endOffsetFor(0, 10)).toEqual(end(0, 0));
  });

  it("tracks a follower appending batch by batch (shouldIncreaseAndTrackEpochsAsFollowerReceivesManyMessages)", () => {
    const cache = cacheOf([0, 0], [0, 1], [0, 2]);
    expect(cache.latestEpoch()).toBe(0);
    expect(cache.endOffsetFor(0, 3)).toEqual(end(0, 3));
    for (const o of [3, 4, 5]) cache.assign(1, o);
    expect(cache.latestEpoch()).toBe(1);
    expect(cache.endOffsetFor(1, 6)).toEqual(end(1, 6));
    for (const o of [6, 7, 8]) cache.assign(2, o);
    expect(cache.latestEpoch()).toBe(2);
    expect(cache.endOffsetFor(2, 9)).toEqual(end(2, 9));
    expect(cache.endOffsetFor(0, 9)).toEqual(end(0, 3));
    expect(cache.endOffsetFor(1, 9)).toEqual(end(1, 6));
  });

  it("new LeaderEpochCache(snapshot) restores the entries (shouldPersistEpochsBetweenInstances)", () => {
    const cache = cacheOf([2, 6]);
    const reloaded = new LeaderEpochCache(cache.snapshot());
    expect(entries(reloaded)).toEqual([[2, 6]]);
  });

  it("latestEpoch() of an empty cache is UNDEFINED_EPOCH (shouldFetchLatestEpochOfEmptyCache)", () => {
    expect(new LeaderEpochCache().latestEpoch()).toBe(UNDEFINED_EPOCH);
  });
});

describe("LeaderEpochCache.endOffsetFor", () => {
  // [Kafka test, cache entries, requested epoch, LEO, expected]
  const cases: Array<[string, Array<[number, number]>, number, number, { epoch: number; endOffset: number }]> = [
    ["shouldReturnLogEndOffsetIfLatestEpochRequested", [[2, 11], [2, 12]], 2, 14, end(2, 14)],
    ["shouldReturnUndefinedOffsetIfUndefinedEpochRequested", [[2, 11], [3, 12]], UNDEFINED_EPOCH, 0, UNDEFINED],
    ["shouldReturnUnsupportedIfNoEpochRecorded", [], 0, 0, UNDEFINED],
    ["shouldReturnUnsupportedIfNoEpochRecordedAndUndefinedEpochRequested", [], UNDEFINED_EPOCH, 73, UNDEFINED],
    ["shouldFetchEndOffsetOfEmptyCache", [], 7, 0, UNDEFINED],
    ["shouldReturnFirstEpochIfRequestedEpochLessThanFirstEpoch", [[5, 11], [6, 12], [7, 13]], 4, 0, end(4, 11)],
    ["shouldGetFirstOffsetOfSubsequentEpochWhenOffsetRequestedForPreviousEpoch", [[1, 11], [1, 12], [2, 13], [2, 14], [3, 15], [3, 16]], 2, 17, end(2, 15)],
    ["shouldReturnNextAvailableEpochIfThereIsNoExactEpochForTheOneRequested (1)", [[0, 10], [2, 13], [4, 17]], 1, 0, end(0, 13)],
    ["shouldReturnNextAvailableEpochIfThereIsNoExactEpochForTheOneRequested (2)", [[0, 10], [2, 13], [4, 17]], 2, 0, end(2, 17)],
    ["shouldReturnNextAvailableEpochIfThereIsNoExactEpochForTheOneRequested (3)", [[0, 10], [2, 13], [4, 17]], 3, 0, end(2, 17)],
    ["shouldReturnInvalidOffsetIfEpochIsRequestedWhichIsNotCurrentlyTracked", [[2, 100]], 3, 100, UNDEFINED],
    ["shouldSupportEpochsThatDoNotStartFromZero", [[2, 6]], 2, 7, end(2, 7)],
  ];

  it.each(cases)("endOffsetFor (%s)", (_name, assigned, requested, leo, expected) => {
    expect(cacheOf(...assigned).endOffsetFor(requested, leo)).toEqual(expected);
  });
});

describe("LeaderEpochCache.truncateFromEnd", () => {
  it("truncateFromEnd(8) drops entries starting at or after 8 (shouldDropEntriesOnEpochBoundaryWhenRemovingLatestEntries)", () => {
    const cache = cacheOf([2, 6], [3, 8], [4, 11]);
    expect(cache.truncateFromEnd(8)).toBe(true);
    expect(entries(cache)).toEqual([[2, 6]]);
  });

  it("truncateFromEnd(9) keeps epoch 3, which started at 8 (shouldDropEntriesBetweenEpochBoundaryWhenRemovingNewest)", () => {
    const cache = cacheOf([2, 6], [3, 8], [4, 11]);
    cache.truncateFromEnd(9);
    expect(cache.latestEpoch()).toBe(3);
    expect(entries(cache)).toEqual([
      [2, 6],
      [3, 8],
    ]);
  });

  it("truncateFromEnd(UNDEFINED_EPOCH_OFFSET) changes nothing (shouldNotResetEpochHistoryTailIfUndefinedPassed)", () => {
    const cache = cacheOf([2, 6], [3, 8], [4, 11]);
    expect(cache.truncateFromEnd(UNDEFINED_EPOCH_OFFSET)).toBe(false);
    expect(entries(cache)).toHaveLength(3);
  });

  it("truncateFromEnd(7) of an empty cache does nothing (shouldClearLatestOnEmptyCache)", () => {
    const cache = new LeaderEpochCache();
    expect(cache.truncateFromEnd(7)).toBe(false);
    expect(entries(cache)).toEqual([]);
  });
});

describe("LeaderEpochCache.truncateFromStart", () => {
  // [Kafka test, new log start offset, expected entries] over (2,6),(3,8),(4,11)
  const cases: Array<[string, number, Array<[number, number]>]> = [
    ["shouldPreserveResetOffsetOnClearEarliestIfOneExists", 8, [[3, 8], [4, 11]]],
    ["shouldNotClearAnythingIfOffsetTooEarly", 1, [[2, 6], [3, 8], [4, 11]]],
    ["shouldNotClearAnythingIfOffsetIsFirstOffset", 6, [[2, 6], [3, 8], [4, 11]]],
    ["shouldRetainLatestEpochOnClearAllEarliest", 11, [[4, 11]]],
    ["shouldUpdateOffsetBetweenEpochBoundariesOnClearEarliest", 9, [[3, 9], [4, 11]]],
    ["shouldRetainLatestEpochOnClearAllEarliestAndUpdateItsOffset", 15, [[4, 15]]],
    ["shouldNotResetEpochHistoryHeadIfUndefinedPassed", UNDEFINED_EPOCH_OFFSET, [[2, 6], [3, 8], [4, 11]]],
  ];

  it.each(cases)("truncateFromStart (%s: %i)", (_name, startOffset, expected) => {
    const cache = cacheOf([2, 6], [3, 8], [4, 11]);
    cache.truncateFromStart(startOffset);
    expect(entries(cache)).toEqual(expected);
  });

  it("truncateFromStart(5) moves epoch 0's start from 0 to 5 (shouldUpdateOffsetBetweenFirstTwoEpochBoundariesOnClearEarliest)", () => {
    const cache = cacheOf([0, 0], [1, 7], [2, 10]);
    cache.truncateFromStart(5);
    expect(entries(cache)).toEqual([
      [0, 5],
      [1, 7],
      [2, 10],
    ]);
  });

  it("truncateFromStart(7) of an empty cache does nothing (shouldClearEarliestOnEmptyCache)", () => {
    const cache = new LeaderEpochCache();
    expect(cache.truncateFromStart(7)).toBe(false);
    expect(entries(cache)).toEqual([]);
  });

  it("truncateFromEnd(11) then truncateFromStart(8) both report a change to persist (shouldWriteCheckpointOnTruncation)", () => {
    const cache = cacheOf([2, 6], [3, 8], [4, 11]);
    expect(cache.truncateFromEnd(11)).toBe(true);
    expect(cache.truncateFromStart(8)).toBe(true);
    expect(new LeaderEpochCache(cache.snapshot()).snapshot()).toEqual([{ epoch: 3, startOffset: 8 }]);
  });
});
