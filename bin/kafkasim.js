#!/usr/bin/env node
// Runs the TypeScript CLI straight from a checkout (no build step): tsx compiles on load.
import { spawnSync } from "node:child_process";
import { getHeapStatistics } from "node:v8";
import { register } from "tsx/esm/api";

// `--limit memory=8GiB` above what V8's heap allows here: the limit could never be reached (V8
// would abort first), so the CLI starts again in a Node whose heap leaves the limit its margin.
const heapMiB = heapNeededMiB(process.argv.slice(2));
if (heapMiB !== null && process.env.KAFKASIM_HEAP_RAISED === undefined && heapMiB * 2 ** 20 > getHeapStatistics().heap_size_limit) {
  const child = spawnSync(process.execPath, [`--max-old-space-size=${heapMiB}`, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, KAFKASIM_HEAP_RAISED: "1" },
  });
  process.exit(child.status ?? 1);
}

register();
await import("../sim/cli/main.ts");

/** The heap (MiB) a `--limit memory=` flag needs: the limit is three quarters of the heap. */
function heapNeededMiB(args) {
  const units = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };
  let needed = null;
  args.forEach((arg, i) => {
    const value = arg === "--limit" ? args[i + 1] : arg.startsWith("--limit=") ? arg.slice(8) : undefined;
    const m = /^memory=(\d+(?:\.\d+)?)\s*([A-Za-z]*)$/.exec(value?.trim() ?? "");
    const bytes = m === null ? Number.NaN : Number(m[1]) * (m[2] === "" ? 1 : (units[m[2]] ?? Number.NaN));
    if (Number.isFinite(bytes)) needed = Math.ceil(bytes / 0.75 / 2 ** 20);
  });
  return needed;
}
