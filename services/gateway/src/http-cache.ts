// HTTP caching of public reads: a strong ETag (a hash of the body's bytes, so every gateway instance
// gives the same answer the same tag), a Cache-Control that browsers and CDNs may act on, and 304
// with no body when the client already holds the answer. Everything else stays `private, no-store`.
import { hash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";

/** An answer body and its ETag, computed once (the micro-cache keeps both). */
export interface Tagged {
  body: string;
  etag: string;
}

export interface CachePolicy {
  maxAgeSeconds: number;
  staleWhileRevalidateSeconds: number;
}

/** What every answer but a cacheable public read says. */
export const privateNoStore = "private, no-store";

export const tagged = (body: string): Tagged => ({ body, etag: `"${hash("sha1", body, "base64url")}"` });

/** `shared`: CDNs and proxies may keep it too; else only the browser (the answer depends on who asks). */
export function cacheControl(policy: CachePolicy, shared = true): string {
  const swr = policy.staleWhileRevalidateSeconds > 0 ? `, stale-while-revalidate=${policy.staleWhileRevalidateSeconds}` : "";
  return `${shared ? "public" : "private"}, max-age=${policy.maxAgeSeconds}${swr}`;
}

/**
 * Whether If-None-Match names `etag` (RFC 9110 13.1.2): `*`, or a comma-separated list compared
 * weakly, that is with any `W/` prefix ignored.
 */
export function noneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  const wanted = opaque(etag);
  return header.split(",").some((tag) => opaque(tag) === wanted);
}

/** Sends a public answer with its validators: 304 and no body when the client's copy is current. */
export function sendPublic(req: FastifyRequest, reply: FastifyReply, answer: Tagged, policy: CachePolicy, shared = true): FastifyReply {
  reply.header("etag", answer.etag).header("cache-control", cacheControl(policy, shared));
  if (noneMatchHits(req.headers["if-none-match"], answer.etag)) return reply.code(304).send();
  return reply.header("content-type", "application/json; charset=utf-8").send(answer.body);
}
