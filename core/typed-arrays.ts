// Growing typed-array columns: the one copy-on-grow rule every column store here uses.

export type Column = Float64Array | Int32Array | Uint16Array | Uint8Array;

/** `column` if it holds `length` elements, else a copy at least twice as long (amortized O(1) appends). */
export function withCapacity<T extends Column>(column: T, length: number): T {
  if (length <= column.length) return column;
  const bigger = new (column.constructor as new (n: number) => T)(Math.max(length, column.length * 2));
  bigger.set(column);
  return bigger;
}
