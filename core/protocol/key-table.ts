// A writer's key table: each distinct key string gets a small id once, and batches carry ids
// (the KeyNames the batch points to turns them back into keys). Ids are the writer's own;
// whoever compares keys across writers compares names (the cleaner does).

import type { KeyNames } from "./records.ts";

export class KeyTable implements KeyNames {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];

  intern(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.names.push(key) - 1;
      this.ids.set(key, id);
    }
    return id;
  }

  name(id: number): string {
    const n = this.names[id];
    if (n === undefined) throw new RangeError(`no key with id ${id}`);
    return n;
  }

  get size(): number {
    return this.names.length;
  }
}
