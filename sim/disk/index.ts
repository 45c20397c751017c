export { SimDisk } from "./disk.ts";
export { RemovedFileError } from "./removed-file-error.ts";
export { DISK_DEFAULTS, type DiskFileState, type DiskStats, type SimDiskOptions } from "./types.ts";
