// `kafkasim sweep` with careless or hostile arguments (issue 19): each is exit 2, nothing on
// stdout and one line on stderr, decided before any worker starts or any seed is listed.
import { beforeAll, describe, expect, it } from "vitest";
import { badInputProblems, kafkasimBatch, type CliResult } from "./run-cli.ts";

const SMALL = "test/fixtures/cli/small.yaml";

/** [what, argv after `sweep SMALL`, the one stderr line] */
const cases: [string, string[], string | RegExp][] = [
  ["a range of a billion seeds", ["--seeds", "1..1000000000"], "kafkasim: --seeds 1..1000000000: 1,000,000,000 seeds; at most 1,000,000 seeds in one sweep; split it with --shard i/n for n ≥ 1,000"],
  ["a shard still too large", ["--seeds", "1..1000000000", "--shard", "1/10"], "kafkasim: --seeds 1..1000000000 --shard 1/10: 100,000,000 seeds in this shard; at most 1,000,000 seeds in one sweep; split it with --shard i/n for n ≥ 1,000"],
  ["a range past Number.MAX_SAFE_INTEGER", ["--seeds", "1..99999999999999999999"], "kafkasim: --seeds 1..99999999999999999999: a seed is a whole number from 0 to 9007199254740991; got 99999999999999999999"],
  ["negative seeds", ["--seeds", "-5..-1"], "kafkasim: --seeds -5..-1: a seed is a whole number from 0 to 9007199254740991; got -5"],
  ["a seed in exponent notation", ["--seeds", "1..1e9"], 'kafkasim: --seeds 1..1e9: expected seeds like 1..1000, 42 or 1,5,9; got "1e9"'],
  ["a seed listed twice", ["--seeds", "1..10,5"], "kafkasim: --seeds 1..10,5: seed 5 is listed twice"],
  ["--workers 0", ["--workers", "0"], "kafkasim: --workers 0: expected a whole number of worker threads, at least 1"],
  ["--workers abc", ["--workers", "abc"], "kafkasim: --workers abc: expected a whole number of worker threads, at least 1"],
  ["--workers 1.5", ["--workers", "1.5"], "kafkasim: --workers 1.5: expected a whole number of worker threads, at least 1"],
  ["--workers 1e9", ["--workers", "1e9"], "kafkasim: --workers 1e9: expected a whole number of worker threads, at least 1"],
  ["--workers 0x10", ["--workers", "0x10"], "kafkasim: --workers 0x10: expected a whole number of worker threads, at least 1"],
  ["--workers -2", ["--workers=-2"], "kafkasim: --workers -2: expected a whole number of worker threads, at least 1"],
  ["--workers 1000000000 --force-workers", ["--workers", "1000000000", "--force-workers"], "kafkasim: --workers 1000000000: at most 256 worker threads, even with --force-workers"],
  ["--limit events=0", ["--limit", "events=0"], "kafkasim: --limit events=0: a limit must be at least 1"],
  ["--limit events=1.5", ["--limit", "events=1.5"], 'kafkasim: --limit events=1.5: "1.5" is not a whole number (write 2000000 or 2e6)'],
  ["--workers 0 on an empty shard", ["--seeds", "1", "--shard", "2/2", "--workers", "0"], "kafkasim: --workers 0: expected a whole number of worker threads, at least 1"],
];

describe("sweep with bad arguments", () => {
  let results: CliResult[] = [];

  beforeAll(async () => {
    results = await kafkasimBatch(cases.map(([, argv]) => ["sweep", SMALL, ...argv]));
  });

  it.for(cases.map((c, i) => [...c, i] as const))("%s: exit 2, one line", ([, , line, i]) => {
    const r = results[i];
    if (r === undefined) throw new Error(`no result for case ${i}`);
    expect(badInputProblems(r, line), r.stderr).toEqual([]);
  });
});
