// The runner hides its world. To read a run's event count or records attempted while it
// is still going (a run stopped by the budget never returns its summary), the bench notes
// which object first calls a method (Scheduler.runUntil, History.sent). The hook puts the
// original method back at that first call, so a per-record method pays for it once.

export interface FirstInstance<T> {
  readonly current: () => T | null;
  /** Puts the original method back if no call did yet. */
  readonly restore: () => void;
}

export function firstInstance<T extends object>(proto: T, method: keyof T & string): FirstInstance<T> {
  const slots = proto as unknown as Record<string, (...args: unknown[]) => unknown>;
  const original = slots[method]!;
  let seen: T | null = null;
  const restore = (): void => void (slots[method] = original);
  slots[method] = function (this: T, ...args: unknown[]): unknown {
    seen = this;
    restore();
    return original.apply(this, args);
  };
  return { current: () => seen, restore };
}
