// The web app (apps/web, built by `npm run build`) on the API's origin: hashed assets cached for a
// year, the page itself revalidated every time, and any other GET that asks for HTML given the page,
// so the app's own routes (/p/…, /admin/orders) load on a reload or a shared link. API paths never
// get the page: a mistyped /api/v1/… stays a JSON 404.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { Logger } from "@shop/kit/log";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** apps/web/dist of this checkout, from services/gateway/src or services/gateway/dist. */
export const defaultWebDir = () => resolve(dirname(fileURLToPath(import.meta.url)), "../../../apps/web/dist");

// Only the app's own scripts and styles; images from this origin (uploads under /files) and data: URLs.
const csp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

const notApp = /^\/(api|files|sandbox|docs|openapi\.json|healthz|readyz)(\/|$)/;

export interface WebApp {
  /** Answers a GET that fell through every route with the app's page; false when it is not for the app. */
  fallback(req: FastifyRequest, reply: FastifyReply): boolean;
}

export function installWeb(app: FastifyInstance, dir: string, logger: Logger): WebApp {
  const indexFile = join(dir, "index.html");
  if (!existsSync(indexFile)) {
    logger.warn({ dir }, "web app not built (npm run build): the gateway serves the API only");
    return { fallback: () => false };
  }
  const page = readFileSync(indexFile);
  const sendPage = (reply: FastifyReply) =>
    reply
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-cache")
      .header("content-security-policy", csp)
      .header("x-frame-options", "DENY")
      .send(page);
  void app.register(fastifyStatic, {
    root: join(dir, "assets"),
    prefix: "/assets/",
    prefixAvoidTrailingSlash: true,
    decorateReply: false,
    index: false,
    wildcard: true,
    preCompressed: true,
    cacheControl: false, // set below: immutable for hashed names
    setHeaders(res) {
      res.setHeader("cache-control", "public, max-age=31536000, immutable");
    },
  });
  app.get("/", (_req, reply) => sendPage(reply));
  return {
    fallback(req, reply) {
      if (req.method !== "GET" && req.method !== "HEAD") return false;
      const path = req.url.split("?")[0]!;
      if (notApp.test(path) || path.startsWith("/assets/")) return false;
      if (!(req.headers.accept ?? "").includes("text/html")) return false;
      sendPage(reply);
      return true;
    },
  };
}
