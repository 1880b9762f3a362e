// Swagger UI at /docs, served from the local swagger-ui-dist package (no CDN: it must work offline),
// reading /openapi.json. Assets are read on first use and kept, so an API-only gateway pays nothing.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { FastifyInstance } from "fastify";
import { Code } from "@connectrpc/connect";
import { HttpError } from "./errors.ts";

const distDir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));

const assets: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
  "favicon-16x16.png": "image/png",
};

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Shop API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
  <link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
`;

// A file of its own rather than inline, so the page works under a CSP without 'unsafe-inline' scripts.
// validatorUrl null: no badge fetched from swagger.io (the machine may be offline).
const init = `window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true, validatorUrl: null });\n`;

const csp = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'";

export function installDocs(app: FastifyInstance): void {
  const cache = new Map<string, Buffer>();
  app.get("/docs", (_req, reply) => reply.type("text/html; charset=utf-8").header("content-security-policy", csp).send(page));
  app.get("/docs/init.js", (_req, reply) => reply.type("text/javascript; charset=utf-8").send(init));
  app.get<{ Params: { file: string } }>("/docs/:file", async (req, reply) => {
    const type = Object.hasOwn(assets, req.params.file) ? assets[req.params.file] : undefined;
    if (!type) throw new HttpError(Code.NotFound, "ROUTE_NOT_FOUND", "no such documentation file");
    let content = cache.get(req.params.file);
    if (!content) {
      content = await readFile(join(distDir, req.params.file));
      cache.set(req.params.file, content);
    }
    return reply.type(type).header("cache-control", "public, max-age=3600").send(content);
  });
}
