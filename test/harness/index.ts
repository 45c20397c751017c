export { TestClock } from "./clock.ts";
export { MemDisk } from "./mem-disk.ts";
export { NodeEnv, type NodeEnvOptions } from "./node-env.ts";
export { FSYNC_US, makeDisk, READ_US, testDisk, THROUGHPUT, WRITEBACK_US } from "./sim-disk.ts";
export { recordBatch, rowsOf, TEST_KEYS, type TestRecord } from "./record-batch.ts";
