// Images, which are not JSON: POST /api/v1/files takes the raw bytes of one image as the body
// (whatever its Content-Type: the file service reads the type from the bytes), and GET /files/:name
// serves what was stored. Access is checked before the body is read (admin for product images, a
// signed-in user for review photos), and the body is read only up to the limit: past it, 413.
import { toJson } from "@bufbuild/protobuf";
import { Code, createClient, type Transport } from "@connectrpc/connect";
import { filev1, options } from "@shop/contracts";
import { context } from "@opentelemetry/api";
import type { FastifyInstance } from "fastify";
import { bearerToken, type Authorize } from "../auth.ts";
import { badRequest, HttpError } from "../errors.ts";
import { noneMatchHits } from "../http-cache.ts";
import { requestContext } from "../observe.ts";

export interface FileRouteDeps {
  /** The transport to the deployable that serves FileService. */
  transport: Transport;
  authorize: Authorize;
  limitUser: (userId: string) => Promise<void>;
  /** Read at start: fastify fixes a route's body limit when it is declared. */
  maxBytes: number;
  uploadTimeoutMs: () => number;
  timeoutMs: () => number;
}

/** Names are content-addressed: the bytes under one never change. */
export const immutable = "public, max-age=31536000, immutable";
const namePattern = /^[0-9a-f]{64}(-[0-9]{2,4})?\.(jpg|png|webp|gif|avif)$/;
const purposes: Record<string, filev1.Purpose> = { product: filev1.Purpose.PRODUCT, review: filev1.Purpose.REVIEW };

type Upload = { Querystring: Record<string, string | string[] | undefined>; Body: Buffer | undefined };

function purposeOf(query: Upload["Querystring"]): filev1.Purpose {
  const extra = Object.keys(query).find((k) => k !== "purpose");
  if (extra) throw badRequest("UNKNOWN_QUERY_PARAMETER", `unknown query parameter "${extra.slice(0, 64)}"`);
  const p = typeof query.purpose === "string" ? purposes[query.purpose] : undefined;
  if (p === undefined)
    throw badRequest("INVALID_PURPOSE", "purpose must be product or review", [{ field: "purpose", message: "product or review", rule: "enum" }]);
  return p;
}

export function installFileRoutes(app: FastifyInstance, deps: FileRouteDeps): void {
  const files = createClient(filev1.FileService, deps.transport);
  const internal = createClient(filev1.FileInternalService, deps.transport);
  void app.register((scope, _opts, done) => {
    // In this scope only: any body is kept as raw bytes, up to the upload limit.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: deps.maxBytes }, (_req, body, parsed) => parsed(null, body));

    scope.post<Upload>("/api/v1/files", {
      bodyLimit: deps.maxBytes,
      onRequest: async (req) => {
        const access = purposeOf(req.query) === filev1.Purpose.PRODUCT ? options.Access.ADMIN : options.Access.USER;
        const principal = await deps.authorize(access, req.headers.authorization);
        if (principal) await deps.limitUser(principal.userId);
      },
      handler: async (req, reply) => {
        const data = req.body;
        if (!Buffer.isBuffer(data) || data.length === 0) throw badRequest("EMPTY_BODY", "send the image's bytes as the request body");
        const headers = new Headers({ "x-shop-client-ip": req.ip, authorization: `Bearer ${bearerToken(req.headers.authorization)}` });
        const key = req.headers["idempotency-key"];
        if (typeof key === "string") {
          if (key.length === 0 || key.length > 128) throw badRequest("BAD_IDEMPOTENCY_KEY", "Idempotency-Key must be 1 to 128 characters");
          headers.set("idempotency-key", key);
        }
        const res = await context.with(requestContext(req), () =>
          files.uploadFile({ purpose: purposeOf(req.query), data }, { headers, timeoutMs: deps.uploadTimeoutMs() }),
        );
        return reply.send(toJson(filev1.UploadFileResponseSchema, res, { alwaysEmitImplicit: true }));
      },
    });

    scope.get<{ Params: { name: string } }>("/files/:name", async (req, reply) => {
      const { name } = req.params;
      if (!namePattern.test(name)) throw new HttpError(Code.NotFound, "FILE_NOT_FOUND", "no such file");
      const etag = `"${name}"`;
      if (noneMatchHits(req.headers["if-none-match"], etag)) return reply.code(304).header("etag", etag).header("cache-control", immutable).send();
      // Validators and caching only on success: a 404 must not be kept for a year.
      const file = await context.with(requestContext(req), () => internal.readFile({ name }, { timeoutMs: deps.timeoutMs() }));
      return reply
        .type(file.contentType)
        .header("etag", etag)
        .header("cache-control", immutable)
        .header("content-security-policy", "default-src 'none'; sandbox") // never a document that runs scripts
        .send(Buffer.from(file.data));
    });
    done();
  });
}
