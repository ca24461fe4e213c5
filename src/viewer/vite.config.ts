/* Vite build of the viewer: src/viewer → dist/viewer, relative asset paths, module workers. */
import { fileURLToPath } from "node:url";

import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  base: "./",
  build: {
    outDir: fileURLToPath(new URL("../../dist/viewer", import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  worker: { format: "es" },
  server: { proxy: { "/api": "http://127.0.0.1:4173" } },
});
