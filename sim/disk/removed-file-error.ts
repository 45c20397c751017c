// Using a file handle after its file was removed (or vanished in a power loss) is a bug in
// the caller; failing loudly beats silently writing to a file nobody will ever read.

export class RemovedFileError extends Error {
  constructor(readonly fileName: string) {
    super(`disk file "${fileName}" was removed; open it again to create a new one`);
    this.name = "RemovedFileError";
  }
}
