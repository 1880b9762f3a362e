// The server's interceptor chain, outermost first: trace + metrics + log, error mapping, the call's
// signal for its SQL, access control (the proto's access option), input validation (protovalidate).
import { getOption, type DescMethod } from "@bufbuild/protobuf";
import type { Path } from "@bufbuild/protobuf/reflect";
import { createValidator } from "@bufbuild/protovalidate";
import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { SpanKind, SpanStatusCode, context, trace } from "@opentelemetry/api";
import { options } from "@shop/contracts";
import { withAbortSignal } from "../db-cancel.ts";
import { BreakerOpenError } from "../breaker.ts";
import { isDatabaseUnavailable, isStatementCancelled } from "../db-errors.ts";
import { isRedisUnavailable } from "../redis.ts";
import { AppError, toConnectError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { rpcServerDuration, rpcServerRequests } from "../metrics.ts";
import { extractTraceContext } from "../telemetry.ts";
import { internalCallerKey, principalKey, type Principal } from "./context.ts";
import { fieldWithNul } from "./text-rules.ts";

export const codeName = (code: Code) => Code[code].replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();

export function observe(logger: Logger): Interceptor {
  const tracer = trace.getTracer("shop-rpc");
  return (next) => async (req) => {
    const service = req.service.typeName;
    const method = req.method.name;
    const parent = extractTraceContext(req.header);
    const span = tracer.startSpan(
      `${service}/${method}`,
      { kind: SpanKind.SERVER, attributes: { "rpc.system": "connect_rpc", "rpc.service": service, "rpc.method": method } },
      parent,
    );
    const end = rpcServerDuration.startTimer({ service, method });
    let code = "ok";
    try {
      return await context.with(trace.setSpan(parent, span), () => next(req));
    } catch (err) {
      const ce = ConnectError.from(err);
      code = codeName(ce.code);
      span.setStatus({ code: SpanStatusCode.ERROR, message: ce.rawMessage });
      throw err;
    } finally {
      end();
      rpcServerRequests.inc({ service, method, code });
      span.setAttribute("rpc.connect_rpc.error_code", code);
      span.end();
      logger.debug({ rpc: `${service}/${method}`, code }, "rpc");
    }
  };
}

/** AppError -> its Connect code with details; any other error is a bug: logged, never leaked. */
export function mapErrors(logger: Logger): Interceptor {
  return (next) => async (req) => {
    try {
      return await next(req);
    } catch (err) {
      if (err instanceof AppError) throw toConnectError(err);
      if (err instanceof ConnectError) throw err;
      // After its deadline or cancel, what fails in a call (its SQL was cancelled) fails because of that.
      if (req.signal.aborted) throw ConnectError.from(req.signal.reason, Code.Canceled);
      if (isStatementCancelled(err)) throw new ConnectError("the database took too long", Code.DeadlineExceeded); // statement_timeout
      if (isDatabaseUnavailable(err)) {
        logger.warn({ err, rpc: `${req.service.typeName}/${req.method.name}` }, "database unavailable");
        throw new ConnectError("the database is unavailable; try again", Code.Unavailable);
      }
      if (isRedisUnavailable(err) || err instanceof BreakerOpenError) throw new ConnectError("a dependency is not answering; try again", Code.Unavailable);
      logger.error({ err, rpc: `${req.service.typeName}/${req.method.name}` }, "unhandled error");
      throw new ConnectError("internal error", Code.Internal);
    }
  };
}

/** A call's deadline or cancel stops the SQL it is running (db-cancel.ts). */
export function cancelSqlWithCall(): Interceptor {
  return (next) => (req) => withAbortSignal(req.signal, () => next(req));
}

export type TokenVerifier = (token: string) => Promise<Principal>;

// Reading an option decodes the method's options each time: once per method is enough.
const accessOf = new WeakMap<DescMethod, options.Access>();
function accessOption(method: DescMethod): options.Access {
  let access = accessOf.get(method);
  if (access === undefined) accessOf.set(method, (access = getOption(method, options.access)));
  return access;
}

/** Enforces the method's (shop.options.v1.access) option; puts the principal into the context. */
export function enforceAccess(verify: TokenVerifier): Interceptor {
  return (next) => async (req) => {
    const access = accessOption(req.method);
    const auth = req.header.get("authorization");
    const token = auth?.startsWith("Bearer ") ? auth.slice(7).trim() : undefined;
    switch (access) {
      case options.Access.INTERNAL:
        if (!req.contextValues.get(internalCallerKey))
          throw new AppError("permission_denied", "INTERNAL_ONLY", `${req.method.name} is for other services only`);
        if (token) req.contextValues.set(principalKey, await verify(token).catch(() => undefined));
        return next(req);
      case options.Access.PUBLIC:
        if (token) req.contextValues.set(principalKey, await verify(token).catch(() => undefined));
        return next(req);
      case options.Access.USER:
      case options.Access.ADMIN: {
        if (!token) throw new AppError("unauthenticated", "TOKEN_MISSING", "sign in first: no bearer token");
        const principal = await verify(token).catch(() => {
          throw new AppError("unauthenticated", "TOKEN_INVALID", "the access token is invalid or expired");
        });
        if (access === options.Access.ADMIN && !principal.roles.includes("admin")) {
          throw new AppError("permission_denied", "ADMIN_REQUIRED", "this needs the admin role");
        }
        req.contextValues.set(principalKey, principal);
        return next(req);
      }
      case options.Access.UNSPECIFIED:
      default:
        throw new ConnectError(`${req.method.name} declares no access option`, Code.PermissionDenied);
    }
  };
}

/** A field path in the JSON names clients send (`countryCode`, `roles[0]`), not proto names. */
function jsonPath(path: Path): string {
  return path
    .map((p, i) => {
      switch (p.kind) {
        case "list_sub":
          return `[${p.index}]`;
        case "map_sub":
          return `[${JSON.stringify(typeof p.key === "bigint" ? String(p.key) : p.key)}]`;
        case "field":
          return (i ? "." : "") + p.jsonName;
        case "oneof":
          return (i ? "." : "") + p.name;
        case "extension":
          return `${i ? "." : ""}[${p.typeName}]`;
      }
    })
    .join("");
}

export function validateInput(): Interceptor {
  const validator = createValidator();
  return (next) => async (req) => {
    if (!req.stream) {
      const nul = fieldWithNul(req.method.input, req.message);
      if (nul)
        throw new AppError("invalid_argument", "INVALID_INPUT", `${nul}: text must not contain NUL characters`, {
          violations: [{ field: nul, message: "must not contain NUL characters", rule: "string.no_nul" }],
        });
      const result = validator.validate(req.method.input, req.message);
      if (result.kind === "invalid") {
        throw new AppError("invalid_argument", "INVALID_INPUT", result.error.message, {
          violations: result.violations.map((v) => ({ field: jsonPath(v.field), message: v.message, rule: v.ruleId })),
        });
      }
      if (result.kind === "error") throw result.error;
    }
    return next(req);
  };
}

/**
 * The chain every server runs, outermost first. `beforeAccess` runs between error mapping and
 * access control: the in-process test tier sets the caller's identity there.
 */
export function serverInterceptors(logger: Logger, verify: TokenVerifier, beforeAccess: Interceptor[] = []): Interceptor[] {
  return [observe(logger), mapErrors(logger), cancelSqlWithCall(), ...beforeAccess, enforceAccess(verify), validateInput()];
}
