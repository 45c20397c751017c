// Output files (--trace, --report, --out) appear whole or not at all. The bytes go to a
// temporary file beside the target, `.NAME.<pid>.tmp` (same directory, so the rename stays on
// one file system), renamed over the target only once the command has finished; a run that
// fails late (an invariant, exit 3; an event limit; a full disk; an exception) leaves an
// existing file as it was and removes the temporary one. Every failure, at open or at a later
// write, flush or rename, is one OutputError line naming the flag and the path.
// An existing target that is not a regular file (/dev/full, /dev/stdout, a FIFO) is written
// directly: it holds no old content to keep, and renaming over it would replace the device
// node itself (which succeeds for root in /dev). Errors there are the same one line.
// Leaves out: Ctrl-C during a run. The simulation loop never yields, so a SIGINT handler
// could only run once the run is over; Node's default ends the process at once, which leaves
// the target untouched but the temporary file behind (its name says which process left it).

import { accessSync, closeSync, constants, fchmodSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync, type Stats } from "node:fs";
import { basename, dirname, join, sep } from "node:path";
import { OutputError } from "./output-error.ts";

/** Files neither committed nor discarded: removed if the process exits (an uncaught exception, process.exit). */
const unsettled = new Set<OutputFile>();
let exitHookInstalled = false;

export class OutputFile {
  private settled = false;

  private constructor(
    private readonly flag: string,
    private readonly path: string,
    private fd: number | null,
    /** null when writing straight into a device or pipe. */
    private readonly rename: { readonly temp: string; readonly target: string } | null,
  ) {
    unsettled.add(this);
    if (!exitHookInstalled) process.on("exit", () => unsettled.forEach((f) => f.discard()));
    exitHookInstalled = true;
  }

  /** Opens `path` for writing (as `flag` on the command line); fails now, with one line, if it cannot be. */
  static open(flag: string, path: string): OutputFile {
    try {
      const stats = statOrNull(path);
      if (stats?.isDirectory() === true || (stats === null && path.endsWith(sep))) throw errno("EISDIR");
      if (stats !== null && !stats.isFile()) return new OutputFile(flag, path, openSync(path, "w"), null);
      // A link keeps pointing at the new file; a read-only file stays refused, as open(2) would.
      const target = stats === null ? path : realpathSync(path);
      if (stats !== null) accessSync(target, constants.W_OK);
      // Cut long names: the temporary name must fit NAME_MAX (255 bytes) whenever the target's does.
      const temp = join(dirname(target), `.${basename(target).slice(0, 60)}.${process.pid}.tmp`);
      const fd = stats === null ? openExclusive(temp) : openBeside(flag, path, temp);
      if (stats !== null) fchmodSync(fd, stats.mode & 0o7777);
      return new OutputFile(flag, path, fd, { temp, target });
    } catch (error) {
      throw asOutputError(flag, path, error);
    }
  }

  write(text: string): void {
    const bytes = Buffer.from(text);
    this.guard(() => {
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(this.openFd(), bytes, offset);
    });
  }

  /** Flushes the bytes to disk and closes the file (where a full disk may show last); the target is not touched yet. */
  finish(): void {
    this.guard(() => {
      if (this.fd === null) return;
      if (this.rename !== null) fsyncSync(this.fd);
      closeSync(this.fd);
      this.fd = null;
    });
  }

  /** Finishes the file and renames it over the target. */
  commit(): void {
    this.finish();
    this.guard(() => {
      if (this.rename !== null) renameSync(this.rename.temp, this.rename.target);
    });
    this.settled = true;
    unsettled.delete(this);
  }

  /** Closes and removes the temporary file; the target stays as it was. Nothing after commit(). */
  discard(): void {
    if (this.settled) return;
    this.settled = true;
    unsettled.delete(this);
    try {
      if (this.fd !== null) closeSync(this.fd);
    } catch {
      // Closing is only tidying here: the file is removed next.
    }
    this.fd = null;
    if (this.rename !== null) rmSync(this.rename.temp, { force: true });
  }

  private openFd(): number {
    if (this.fd === null || this.settled) throw new Error(`${this.flag} ${this.path}: written after it was finished`);
    return this.fd;
  }

  private guard(body: () => void): void {
    try {
      body();
    } catch (error) {
      this.discard();
      throw asOutputError(this.flag, this.path, error);
    }
  }
}

/** Finishes every file before renaming any: a full disk on the last one leaves all targets as they were. */
export function commitAll(files: readonly (OutputFile | null)[]): void {
  for (const f of files) f?.finish();
  for (const f of files) f?.commit();
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return null;
    throw error;
  }
}

/** An existing file the user may write, in a directory they may not, would be refused as "permission denied": say why. */
function openBeside(flag: string, path: string, temp: string): number {
  try {
    return openExclusive(temp);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "EACCES" || code === "EPERM") throw new OutputError(flag, path, error, "permission denied in its directory, where it is written first and renamed");
    throw error;
  }
}

/** O_EXCL never follows a link planted at the temporary name; a stale file of a dead process with our pid is replaced. */
function openExclusive(temp: string): number {
  try {
    return openSync(temp, "wx", 0o666);
  } catch (error) {
    if ((error as { code?: unknown }).code !== "EEXIST") throw error;
    rmSync(temp, { force: true });
    return openSync(temp, "wx", 0o666);
  }
}

const errno = (code: string): Error => Object.assign(new Error(code), { code });

/** System errors (they carry a code) become one line; anything else is a bug and keeps its stack. */
function asOutputError(flag: string, path: string, error: unknown): unknown {
  if (error instanceof OutputError) return error;
  return typeof (error as { code?: unknown } | null)?.code === "string" ? new OutputError(flag, path, error) : error;
}
