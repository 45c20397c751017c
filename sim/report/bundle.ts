// The report's renderer: the visualizer's own views (viz/report.html + viz/src/report/),
// built with Vite on first use into node_modules/.cache/kafkasim/ and inlined into one HTML
// template (<style> and <script type="module"> in place of Vite's <link> and <script src>).
// The cache is keyed by a hash of every source the bundle may import (viz/, sim/, core/ and
// the lockfile), so an edit rebuilds it and a fresh clone needs no manual build step.
// Leaves out: a prebuilt bundle for installs without devDependencies (Vite is needed once).

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** Where the HTML writer puts the run's data (a comment in viz/report.html). */
export const DATA_MARKER = "<!--kafkasim:data-->";

const SOURCE_DIRS = ["viz", "sim", "core"];
const SOURCE_EXT = /\.(ts|css|html)$/;

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (SOURCE_EXT.test(name)) out.push(path);
  }
}

/** A hash of the sources the bundle is built from. */
export function sourceHash(): string {
  const files: string[] = [];
  for (const d of SOURCE_DIRS) walk(join(repoRoot, d), files);
  const lock = join(repoRoot, "package-lock.json");
  if (existsSync(lock)) files.push(lock);
  const h = createHash("sha256");
  for (const f of files) h.update(relative(repoRoot, f)).update("\0").update(readFileSync(f)).update("\0");
  return h.digest("hex").slice(0, 16);
}

function cacheRoot(): string {
  const preferred = join(repoRoot, "node_modules", ".cache", "kafkasim");
  try {
    mkdirSync(preferred, { recursive: true });
    return preferred;
  } catch {
    const fallback = join(tmpdir(), "kafkasim-cache");
    mkdirSync(fallback, { recursive: true });
    return fallback;
  }
}

/** `</script` inside inlined code would close the tag early; `<\/script` means the same in JS. */
const inlineSafe = (code: string): string => code.replace(/<\/(script)/gi, "<\\/$1");

/** Replaces Vite's asset tags in the built report.html with the assets' text. */
export function inlineAssets(html: string, dir: string): string {
  let out = html;
  for (const m of html.matchAll(/<link rel="stylesheet"[^>]*href="\.?\/?([^"]+\.css)"[^>]*>/g)) {
    out = out.split(m[0]).join(`<style>\n${readFileSync(join(dir, m[1]!), "utf8")}\n</style>`);
  }
  for (const m of html.matchAll(/<script type="module"[^>]*src="\.?\/?([^"]+\.js)"[^>]*><\/script>/g)) {
    // The module goes last in <body>: it runs after the data tags are parsed.
    out = out.split(m[0]).join("");
    out = out.replace("</body>", () => `<script type="module">\n${inlineSafe(readFileSync(join(dir, m[1]!), "utf8"))}\n</script>\n</body>`);
  }
  out = out.replace(/<link rel="modulepreload"[^>]*>/g, "");
  if (/<(script|link)[^>]+(src|href)="(?!data:)/.test(out)) throw new Error("the report bundle still references an external file");
  return out;
}

async function build(into: string): Promise<void> {
  const { build: viteBuild } = await import("vite");
  const root = join(repoRoot, "viz");
  await viteBuild({
    configFile: false,
    root,
    base: "./",
    logLevel: "silent",
    build: {
      outDir: into,
      emptyOutDir: true,
      target: "es2022",
      chunkSizeWarningLimit: 4000,
      assetsInlineLimit: 1_000_000,
      cssCodeSplit: false,
      modulePreload: false,
      rolldownOptions: { input: join(root, "report.html") },
    },
  });
}

/** The report template (inlined JS/CSS, DATA_MARKER where the data goes), built if needed. */
export async function reportTemplate(onBuild: () => void = () => {}): Promise<string> {
  const root = cacheRoot();
  const hash = sourceHash();
  const file = join(root, `report-${hash}.html`);
  if (existsSync(file)) return readFileSync(file, "utf8");
  onBuild();
  const dir = join(root, `build-${hash}-${process.pid}`);
  try {
    await build(dir);
    const html = inlineAssets(readFileSync(join(dir, "report.html"), "utf8"), dir);
    if (!html.includes(DATA_MARKER)) throw new Error(`viz/report.html lost its ${DATA_MARKER} marker in the build`);
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, html);
      renameSync(tmp, file);
    } catch (error) {
      rmSync(tmp, { force: true }); // a full disk leaves no half-written template in the cache
      throw error;
    }
    for (const old of readdirSync(root)) if (/^report-[0-9a-f]+\.html$/.test(old) && join(root, old) !== file) rmSync(join(root, old), { force: true });
    return html;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
