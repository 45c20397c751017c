// The end of every switch over a union: it compiles only when every case is handled, and
// throws (assertions stay on) if a value from outside the union gets there at run time.

export function assertNever(x: never): never {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}
