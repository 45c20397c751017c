// Browser test harness: builds the visualizer with Vite into a temporary directory, serves it
// from a tiny static server on 127.0.0.1, and drives Debian's Chromium with playwright-core.
// Every request the page makes is recorded, so tests can assert nothing leaves 127.0.0.1.

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM = process.env["KAFKASIM_CHROMIUM"] ?? "/usr/bin/chromium";
export const repoRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const hasChromium = existsSync(CHROMIUM);

/**
 * The browser suites hold the only check that Chromium gives Node's traceHash, so a missing
 * Chromium fails them (CI installs it: .ci/run). Skipping takes an explicit KAFKASIM_SKIP_BROWSER=1.
 */
export const skipBrowser = process.env["KAFKASIM_SKIP_BROWSER"] === "1";
export const MISSING_CHROMIUM =
  `${CHROMIUM} not found: install Debian's Chromium (apt-get install -y chromium), point ` +
  "KAFKASIM_CHROMIUM at a Chromium binary, or set KAFKASIM_SKIP_BROWSER=1 to skip the browser tests";

/** Fails the calling suite with what to do when Chromium is missing. */
export function requireChromium(): void {
  if (!hasChromium) throw new Error(MISSING_CHROMIUM);
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
};

export interface Site {
  readonly url: string;
  readonly dir: string;
  close(): Promise<void>;
}

/** `vite build` of viz/ into a temp dir (the repo's dist/ is left alone). */
export async function buildSite(): Promise<string> {
  const { build } = await import("vite");
  const dir = mkdtempSync(join(tmpdir(), "kafkasim-viz-"));
  await build({ configFile: join(repoRoot, "viz/vite.config.ts"), logLevel: "warn", build: { outDir: dir, emptyOutDir: true } });
  return dir;
}

/** Serves `dir` on 127.0.0.1 under `/some/sub/path/` (the build must work at any path). */
export async function serve(dir: string, base = "/kafkasim/viz/"): Promise<Site> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    if (!path.startsWith(base)) {
      res.writeHead(404).end();
      return;
    }
    let file = normalize(join(dir, path.slice(base.length)));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    dir,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export async function launch(): Promise<Browser> {
  requireChromium();
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export interface Watched {
  readonly page: Page;
  readonly consoleErrors: string[];
  readonly requests: string[];
}

export async function openPage(browser: Browser, width = 1400, height = 1000): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  page.on("request", (r) => requests.push(r.url()));
  return { page, consoleErrors, requests };
}

/** Waits until the page has computed a run (the verdict carries its data attributes). */
export async function waitForRun(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.waitForSelector('[data-testid="verdict"][data-verdict]', { timeout: timeoutMs });
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
