// Vite config for the visualizer: `npm run viz` serves it, `npm run build` writes a static
// site to dist/ with relative URLs (base "./"), so it works from any server and any path.

import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  build: { outDir: `${repoRoot}dist`, emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 2000 },
  worker: { format: "es" },
  server: { fs: { allow: [repoRoot] } },
});
