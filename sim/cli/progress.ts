// A progress bar on stderr for long runs, shown only on a terminal and only once a run has
// taken a second of wall time. Wall-clock reads here pace the display, never the simulation.

export function progressBar(label: string): { update(done: number, total: number, unit?: string): void; done(): void } {
  const stream = process.stderr;
  if (!stream.isTTY) return { update() {}, done() {} };
  const started = Date.now();
  let lastDraw = 0;
  let drawn = false;
  return {
    update(doneUs, totalUs, unit) {
      const now = Date.now();
      if (now - started < 1000 || now - lastDraw < 100) return;
      lastDraw = now;
      drawn = true;
      const width = 30;
      const frac = Math.min(1, doneUs / totalUs);
      const bar = "█".repeat(Math.round(frac * width)).padEnd(width, "░");
      if (unit !== undefined) {
        stream.write(`\r${label} ${bar} ${doneUs}/${totalUs} ${unit}`);
        return;
      }
      const speed = doneUs / 1000 / (now - started);
      stream.write(`\r${label} ${bar} ${(doneUs / 1e6).toFixed(0)}/${(totalUs / 1e6).toFixed(0)} s simulated (${speed.toFixed(1)}× real time)`);
    },
    done() {
      if (drawn) stream.write("\r\x1b[K");
    },
  };
}
