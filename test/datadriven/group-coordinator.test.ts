// Runs the group coordinator's golden scripts (test/datadriven/group-coordinator/*.txt, see
// group-script.ts for the format). UPDATE_GOLDEN=1 npx vitest run test/datadriven rewrites
// every expected output with what the coordinator does now; review the diff before committing.

import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScript, runScript } from "./group-script.ts";

const dir = join(import.meta.dirname, "group-coordinator");
const update = process.env["UPDATE_GOLDEN"] === "1";

describe("group coordinator golden scripts", () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".txt")).sort()) {
    it(file, () => {
      const path = join(dir, file);
      const { blocks, rewrite } = parseScript(readFileSync(path, "utf8"));
      const outputs = runScript(blocks);
      if (update) return writeFileSync(path, rewrite(outputs));
      blocks.forEach((b, i) => expect(outputs[i], `${file}:${b.line}: ${b.command}`).toBe(b.expected));
    });
  }
});
