// Runs the CLI's real entry point (sim/cli/main.ts) once per argv in ONE Node process, so
// the corpus tests pay Node + tsx start-up once instead of per file. Each run imports a
// fresh copy of main.ts (a new module URL), whose top level parses process.argv and sets
// process.exitCode exactly as under bin/kafkasim.js; writes to stdout/stderr are captured.
// An exception escaping main.ts is reported the way Node would: its stack on stderr, exit 1.
//
// Usage: node --import tsx test/cli/batch-main.ts '<JSON array of argv arrays>'
// Prints one JSON array of {status, stdout, stderr, wallMs} on the real stdout.

type Write = typeof process.stdout.write;

interface Captured {
  status: number;
  stdout: string;
  stderr: string;
  /** Wall time of this run, for tests that bound it. */
  wallMs: number;
}

const mainUrl = new URL("../../sim/cli/main.ts", import.meta.url);
const realStdout: Write = process.stdout.write.bind(process.stdout);
const realStderr: Write = process.stderr.write.bind(process.stderr);

function capture(sink: string[]): Write {
  return ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    sink.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
    callback?.();
    return true;
  }) as Write;
}

async function runOnce(argv: readonly string[], n: number): Promise<Captured> {
  const out: string[] = [];
  const err: string[] = [];
  const savedArgv = process.argv;
  process.argv = [process.argv[0] ?? "node", "bin/kafkasim.js", ...argv];
  process.exitCode = undefined;
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  let status: number;
  const started = performance.now();
  try {
    await import(`${mainUrl.href}?batch=${n}`);
    status = typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    err.push(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    status = 1;
  } finally {
    process.stdout.write = realStdout;
    process.stderr.write = realStderr;
    process.argv = savedArgv;
    process.exitCode = undefined;
  }
  return { status, stdout: out.join(""), stderr: err.join(""), wallMs: performance.now() - started };
}

const runs = JSON.parse(process.argv[2] ?? "[]") as string[][];
const results: Captured[] = [];
for (const [i, argv] of runs.entries()) results.push(await runOnce(argv, i));
realStdout(JSON.stringify(results) + "\n");
