// A fault target written back the way a scenario file names it.

import type { Target } from "./types.ts";

export function targetName(t: Target): string {
  switch (t.kind) {
    case "leader":
      return `leader(${t.topic}-${t.partition})`;
    case "broker":
      return String(t.id);
    case "consumer":
      return `${t.group}-${t.instance}`;
    case "producer":
      return t.id;
    case "controllerNode":
      return `controller-${t.id}`;
    case "rack":
      return `rack(${t.rack})`;
    case "all":
    case "controller":
      return t.kind;
  }
}
