// An output path (--trace, --report) that names an input file would overwrite the scenario it
// was asked to run: refused before anything is written.

import { statSync } from "node:fs";

/** Whether `output` is one of `inputs` (the same file: device and inode, so links count too). */
export function namesAnInput(output: string, inputs: readonly string[]): boolean {
  let out;
  try {
    out = statSync(output);
  } catch {
    return false; // not there yet: a new file
  }
  return inputs.some((input) => {
    try {
      const s = statSync(input);
      return s.dev === out.dev && s.ino === out.ino;
    } catch {
      return false;
    }
  });
}
