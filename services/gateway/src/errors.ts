// Every error leaves the gateway as `{code, message, details}`. Upstream Connect codes map to HTTP
// statuses in the one table below; the gateway's own refusals (bad body, unknown route, rate limit)
// carry their status with them. Nothing else (no stack, no internal address) reaches the client.
import { Code, ConnectError } from "@connectrpc/connect";
import { errorDetailOf } from "@shop/kit/errors";
import type { Logger } from "@shop/kit/log";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export const httpStatusOf: Record<Code, number> = {
  [Code.Canceled]: 499,
  [Code.Unknown]: 500,
  [Code.InvalidArgument]: 400,
  [Code.DeadlineExceeded]: 504,
  [Code.NotFound]: 404,
  [Code.AlreadyExists]: 409,
  [Code.PermissionDenied]: 403,
  [Code.ResourceExhausted]: 429,
  [Code.FailedPrecondition]: 400,
  [Code.Aborted]: 409,
  [Code.OutOfRange]: 400,
  [Code.Unimplemented]: 501,
  [Code.Internal]: 500,
  [Code.Unavailable]: 503,
  [Code.DataLoss]: 500,
  [Code.Unauthenticated]: 401,
};

export const codeName = (code: Code) => Code[code].replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();

export interface Violation {
  field: string;
  message: string;
  rule: string;
}

export interface ErrorBody {
  code: string;
  message: string;
  details: { reason: string; metadata: Record<string, string>; violations: Violation[] };
}

interface HttpErrorOptions {
  /** When the status is not the code's usual one (413, 415, 405). */
  status?: number;
  metadata?: Record<string, string>;
  violations?: Violation[];
  headers?: Record<string, string>;
}

/** A refusal decided by the gateway itself, before or instead of an upstream call. */
export class HttpError extends Error {
  constructor(
    readonly code: Code,
    readonly reason: string,
    message: string,
    readonly options: HttpErrorOptions = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export const badRequest = (reason: string, message: string, violations: Violation[] = []) =>
  new HttpError(Code.InvalidArgument, reason, message, { violations });

interface Answer {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
}

const answer = (code: Code, reason: string, message: string, extra: HttpErrorOptions = {}): Answer => ({
  status: extra.status ?? httpStatusOf[code],
  body: { code: codeName(code), message, details: { reason, metadata: extra.metadata ?? {}, violations: extra.violations ?? [] } },
  headers: extra.headers ?? {},
});

// Server-side failures upstream are described generically: their raw text may name hosts and ports.
const serverSideMessage: Partial<Record<Code, string>> = {
  [Code.Unavailable]: "the service is unavailable; try again shortly",
  [Code.DeadlineExceeded]: "the service did not answer in time",
  [Code.Unimplemented]: "not implemented",
  [Code.Canceled]: "the request was canceled",
};

function fromConnect(err: ConnectError, logger: Logger): Answer {
  const status = httpStatusOf[err.code];
  const detail = errorDetailOf(err);
  const headers: Record<string, string> = {};
  if (err.code === Code.ResourceExhausted && detail && detail.retryAfterSeconds > 0) headers["retry-after"] = String(detail.retryAfterSeconds);
  if (status >= 500) {
    logger.warn({ code: codeName(err.code), upstreamMessage: err.rawMessage }, "upstream failed");
    return answer(err.code, detail?.reason || codeName(err.code).toUpperCase(), serverSideMessage[err.code] ?? "internal error", { headers });
  }
  return answer(err.code, detail?.reason || codeName(err.code).toUpperCase(), err.rawMessage, {
    metadata: { ...detail?.metadata },
    violations: (detail?.violations ?? []).map((v) => ({ field: v.field, message: v.message, rule: v.rule })),
    headers,
  });
}

// Fastify's own 4xx (body parsing, content type, size), with a stable reason each.
const fastifyReasons: Record<string, { code: Code; reason: string; message?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: Code.InvalidArgument, reason: "BODY_TOO_LARGE" },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: Code.InvalidArgument, reason: "UNSUPPORTED_MEDIA_TYPE", message: "send application/json" },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: Code.InvalidArgument, reason: "BAD_CONTENT_LENGTH" },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: Code.InvalidArgument, reason: "EMPTY_JSON_BODY" },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: Code.InvalidArgument, reason: "MALFORMED_JSON" },
  FST_ERR_BAD_URL: { code: Code.InvalidArgument, reason: "BAD_URL" },
};

function classify(err: unknown, logger: Logger): Answer {
  if (err instanceof HttpError) return answer(err.code, err.reason, err.message, err.options);
  if (err instanceof ConnectError) return fromConnect(err, logger);
  const fe = err as Partial<FastifyError>;
  const status = fe.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const known = fe.code ? fastifyReasons[fe.code] : undefined;
    // A JSON syntax error arrives as a plain SyntaxError with statusCode 400.
    const reason = known?.reason ?? (err instanceof SyntaxError ? "MALFORMED_JSON" : "BAD_REQUEST");
    return answer(known?.code ?? Code.InvalidArgument, reason, known?.message ?? fe.message ?? "bad request", { status });
  }
  logger.error({ err }, "unexpected error");
  return answer(Code.Internal, "INTERNAL", "internal error");
}

export function sendError(reply: FastifyReply, err: unknown, logger: Logger): FastifyReply {
  const { status, body, headers } = classify(err, logger);
  return reply.code(status).headers(headers).send(body);
}

/** `fallback` may answer a request no route took (the web app's pages); else it is a 404 in the API's shape. */
export function installErrorHandling(app: FastifyInstance, logger: Logger, fallback?: (req: FastifyRequest, reply: FastifyReply) => boolean): void {
  app.setErrorHandler((err: unknown, _req: FastifyRequest, reply: FastifyReply) => sendError(reply, err, logger));
  app.setNotFoundHandler((req, reply) => {
    if (fallback?.(req, reply)) return reply;
    return sendError(reply, new HttpError(Code.NotFound, "ROUTE_NOT_FOUND", `no route ${req.method} ${req.url.split("?")[0]!.slice(0, 200)}`), logger);
  });
}
