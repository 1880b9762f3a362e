// Serves the route table: authorize (before the body is even read), build the request message,
// call the upstream with a deadline and the caller's identity, answer its JSON. The call runs in
// the request's span, so the kit transport carries the W3C trace context onward. Public reads go
// out with an ETag and a public Cache-Control (http-cache.ts); signed-in callers are also limited
// per user (rate-limit.ts), and on an RPC declaring its own rate_limit, per user on that RPC too.
// Under a gray rule (gray/) the call carries a version pick, skips the shared micro-cache and its
// public answer is cacheable by the browser only, as it depends on who asks.
import { toJson } from "@bufbuild/protobuf";
import { Code, createContextValues, type Transport } from "@connectrpc/connect";
import { versionPickKey } from "@shop/kit/rpc/version-pick";
import { context } from "@opentelemetry/api";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { bearerToken, type Authorize } from "../auth.ts";
import { badRequest, HttpError } from "../errors.ts";
import { sendPublic, tagged, type CachePolicy } from "../http-cache.ts";
import { callerOf, type Identify } from "../gray/caller.ts";
import type { GrayRouter } from "../gray/router.ts";
import { requestContext } from "../observe.ts";
import { cacheable, MicroCache } from "./microcache.ts";
import { buildRequest, type HttpParts } from "./request.ts";
import type { Route, Verb } from "./table.ts";

export interface ApiDeps {
  routes: Route[];
  transports: Record<string, Transport>;
  authorize: Authorize;
  /** Read per call: the deadline follows config edits. */
  timeoutMs: () => number;
  /** TTL of the public GET micro-cache, read per call; 0 is off. */
  microcacheMs: () => number;
  /** Bytes the micro-cache holds at most (read at start). */
  microcacheMaxBytes: number;
  /** Cache-Control of public reads, read per call. */
  cachePolicy: () => CachePolicy;
  /** Counts a signed-in user's request; throws RATE_LIMITED past the per-user limit. */
  limitUser: (userId: string) => Promise<void>;
  /** Counts a signed-in user's call of one RPC (its full name); throws RATE_LIMITED past `perMinute`. */
  limitRoute: (userId: string, rpc: string, perMinute: number) => Promise<void>;
  /** Gray release routing, when the gateway has rules. */
  gray?: { router: GrayRouter; identify: Identify };
}

/** Tells which version answered a request under a gray rule. */
export const upstreamVersionHeader = "x-shop-upstream-version";

function upstreamHeaders(req: FastifyRequest): Headers {
  const headers = new Headers({ "x-shop-client-ip": req.ip });
  // The service verifies the token again; it expects the scheme spelled exactly "Bearer".
  const token = bearerToken(req.headers.authorization);
  if (token) headers.set("authorization", `Bearer ${token}`);
  const key = req.headers["idempotency-key"];
  if (typeof key === "string") {
    if (key.length === 0 || key.length > 128) throw badRequest("BAD_IDEMPOTENCY_KEY", "Idempotency-Key must be 1 to 128 characters");
    headers.set("idempotency-key", key);
  }
  return headers;
}

/** Aborts the upstream call when the client goes away before its answer is written. */
function abortOnDisconnect(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once("close", () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

export function installApiRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const microcache = new MicroCache({ ttlMs: deps.microcacheMs, maxBytes: deps.microcacheMaxBytes });
  app.addHook("onClose", (_app, done) => {
    microcache.close();
    done();
  });
  const users = new WeakMap<FastifyRequest, string>();
  for (const route of deps.routes) {
    const transport = deps.transports[route.deployable];
    if (!transport) throw new Error(`no transport for deployable ${route.deployable}`);
    // Counted per RPC, so every binding of one RPC shares the user's budget. Only routes with the
    // option pay for a second counter, and both are counted at once.
    const rpc = `${route.service.typeName}/${route.method.name}`;
    const limit = route.perUserPerMinute
      ? (userId: string) => Promise.all([deps.limitUser(userId), deps.limitRoute(userId, rpc, route.perUserPerMinute)])
      : deps.limitUser;
    app.route({
      method: route.verb,
      url: route.path,
      onRequest: async (req) => {
        const principal = await deps.authorize(route.access, req.headers.authorization);
        if (!principal) return;
        users.set(req, principal.userId);
        await limit(principal.userId);
      },
      handler: async (req, reply) => {
        const input = buildRequest(route, { body: req.body, params: req.params as HttpParts["params"], query: req.query as HttpParts["query"] });
        const gray = deps.gray?.router.covers(route.deployable) ? deps.gray : undefined;
        const pick = gray && (await gray.router.pick(route.deployable, callerOf(req, users.get(req), gray.identify)));
        const values = pick && createContextValues().set(versionPickKey, pick);
        const call = (signal?: AbortSignal) =>
          context
            .with(requestContext(req), () => transport.unary(route.method, signal, deps.timeoutMs(), upstreamHeaders(req), input, values))
            .finally(() => {
              if (!pick || !gray) return;
              gray.router.record(route.deployable, pick);
              if (pick.servedVersion) reply.header(upstreamVersionHeader, pick.servedVersion);
            });
        const json = async (signal?: AbortSignal) => toJson(route.method.output, (await call(signal)).message, { alwaysEmitImplicit: true });
        if (!cacheable(route)) return reply.send(await json(abortOnDisconnect(reply)));
        if (pick) return sendPublic(req, reply, tagged(JSON.stringify(await json(abortOnDisconnect(reply)))), deps.cachePolicy(), false);
        // The answer is the same whoever asks (a token sent to a public route is ignored), so it is
        // public even when the request carried Authorization.
        if (!microcache.enabled) return sendPublic(req, reply, tagged(JSON.stringify(await json(abortOnDisconnect(reply)))), deps.cachePolicy());
        // A shared call is not aborted when the client that started it leaves: others wait on it.
        const { answer, hit } = await microcache.get(req.url, async () => tagged(JSON.stringify(await json())));
        return sendPublic(req, reply.header("x-cache", hit ? "HIT" : "MISS"), answer, deps.cachePolicy());
      },
    });
  }
}

const allVerbs: Verb[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** 405 with an Allow header for a known path asked with a method it does not serve. */
export function installMethodNotAllowed(app: FastifyInstance, served: { path: string; verb: Verb }[]): void {
  const byPath = new Map<string, Set<Verb>>();
  for (const { path, verb } of served) (byPath.get(path) ?? byPath.set(path, new Set()).get(path)!).add(verb);
  for (const [path, verbs] of byPath) {
    const allow = [...verbs, ...(verbs.has("GET") ? ["HEAD"] : [])].join(", ");
    const others = [...allVerbs.filter((v) => !verbs.has(v)), ...(verbs.has("GET") ? [] : ["HEAD"]), "OPTIONS"];
    app.route({
      method: others,
      url: path,
      handler: () => {
        throw new HttpError(Code.Unimplemented, "METHOD_NOT_ALLOWED", `use ${allow} on this path`, { status: 405, headers: { allow } });
      },
    });
  }
}
