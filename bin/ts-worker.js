// Boots a worker thread that runs TypeScript: registers tsx in this thread, then imports the
// module named in workerData.entry (a file URL). Used by `kafkasim sweep`.
import { register } from "tsx/esm/api";
import { workerData } from "node:worker_threads";

register();
await import(workerData.entry);
