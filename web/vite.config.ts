// Builds the page into ../api/static (served by the API at `/`) and copies the licence of the bundled graph
// library beside the assets. Nothing is loaded from a CDN: cytoscape is bundled (in its own chunk, loaded
// when the first picture is drawn).
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(here, "../api/static");
// Where the dev server sends API calls: the stub (npm run stub) or a real `rskg` API.
const api = process.env.RSKG_API ?? "http://127.0.0.1:8765";

function licences(): Plugin {
  return {
    name: "rskg-licences",
    apply: "build",
    closeBundle() {
      const dir = resolve(outDir, "licenses");
      mkdirSync(dir, { recursive: true });
      copyFileSync(resolve(here, "node_modules/cytoscape/LICENSE"), resolve(dir, "cytoscape-LICENSE.txt"));
    },
  };
}

export default defineConfig({
  root: here,
  base: "./",
  plugins: [licences()],
  build: {
    outDir,
    emptyOutDir: true,
    assetsDir: "assets",
    target: "es2020",
    sourcemap: false,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 600,
  },
  server: {
    host: "127.0.0.1",
    proxy: Object.fromEntries(
      ["/resolve", "/screen", "/entities", "/health", "/keys"].map((p) => [p, { target: api, changeOrigin: true }]),
    ),
  },
});
