// GET /.well-known/jwks.json: the same key set as GetJwks, as plain JSON for any JWT library.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AccessTokens } from "../tokens.ts";

export const jwksPath = "/.well-known/jwks.json";

export function jwksRoute(tokens: AccessTokens) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if ((req.url ?? "").split("?")[0] !== jwksPath || (req.method !== "GET" && req.method !== "HEAD")) return false;
    const body = JSON.stringify(tokens.jwks());
    res.writeHead(200, { "content-type": "application/jwk-set+json", "cache-control": "public, max-age=300", "content-length": Buffer.byteLength(body) });
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  };
}
