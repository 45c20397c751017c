import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default leaves one CPU to its main process: on this project's 2-CPU machines
    // that is one worker, while the main process does little. Two workers there take the
    // suite from 9.6 to 6.8 minutes.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
