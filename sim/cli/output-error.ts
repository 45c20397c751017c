// An output file (--trace, --report, --out) that cannot be written, at open or at any later
// write, flush or rename: the CLI prints `kafkasim: <message>` and exits 2.

export class OutputError extends Error {
  override readonly name = "OutputError";
  /** The reader of a pipe (`--trace /dev/stdout | head`) went away: the CLI stops quietly, as on stdout. */
  readonly closedPipe: boolean;

  /** `reason` replaces the one read from the system error's code. */
  constructor(flag: string, path: string, cause: unknown, reason = reasonOf(cause)) {
    super(`${flag} ${path}: cannot write the file${reason === "" ? "" : ` (${reason})`}`);
    this.closedPipe = (cause as { code?: unknown } | null)?.code === "EPIPE";
  }
}

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such directory",
  ENOTDIR: "a parent in the path is not a directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "it is a directory",
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EFBIG: "file too large",
  EIO: "input/output error",
  ENAMETOOLONG: "the name is too long",
  ELOOP: "too many levels of symbolic links",
  ENXIO: "no such device or address", // /dev/stdout when stdout is a socket
};

function reasonOf(cause: unknown): string {
  const code = (cause as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return "";
  return Object.hasOwn(REASONS, code) ? REASONS[code]! : code;
}
