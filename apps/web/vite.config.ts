// The web app's build: one bundle for the storefront's first page, the rest split by route (lazy
// pages), served by the gateway from dist/. `source` resolves the contracts workspace to its
// TypeScript, as the services' own runs do, so the UI types come straight from the generated code.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ["source", "browser", "module", "import", "default"] },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, target: "es2022", chunkSizeWarningLimit: 600 },
  server: { proxy: { "/api": "http://127.0.0.1:8080", "/files": "http://127.0.0.1:8080", "/pay": "http://127.0.0.1:8080" } },
});
