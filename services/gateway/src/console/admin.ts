// The operations console's API on the public listener, for the admin console's operations pages:
// services and instances with health, version and uptime; recent traces and one trace across
// services; per-route rate, errors and p99; the bus's lag and dead letters, listed and replayed.
// Every route needs ACCESS_ADMIN (what the operations listener shows to whoever reaches its port,
// this shows to an admin signed in from anywhere). Errors have the gateway's one shape.
import { options } from "@shop/contracts";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Authorize } from "../auth.ts";
import { badRequest, HttpError, type Violation } from "../errors.ts";
import { Code } from "@connectrpc/connect";
import type { DeadLettersAnswer, ReplayAnswer } from "./answers.ts";
import { knownGroups, readBus } from "./bus.ts";
import type { DeadLetterDesk } from "./dead-letters.ts";
import type { RouteStats } from "./route-stats.ts";
import { listServices, type SelfInfo } from "./services.ts";
import type { TargetDeps } from "./targets.ts";
import { listTraces, traceDetail, type TraceSource } from "./traces.ts";

export const consolePaths = {
  services: "/api/v1/admin/ops/services",
  traces: "/api/v1/admin/ops/traces",
  trace: "/api/v1/admin/ops/traces/:traceId",
  routes: "/api/v1/admin/ops/routes",
  bus: "/api/v1/admin/ops/bus",
  deadLetters: "/api/v1/admin/dead-letters",
  replay: "/api/v1/admin/dead-letters/replay",
};

export interface ConsoleDeps {
  authorize: Authorize;
  targets: TargetDeps;
  self: SelfInfo;
  traces: TraceSource;
  routeStats: RouteStats;
  deadLetters: DeadLetterDesk;
}

const groupName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/i, "a consumer group name: dotted words");
const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);
const listQuery = z.object({ group: groupName, limit: limit(1000, 100) });
const tracesQuery = z.object({ limit: limit(500, 50) });
const traceId = z.string().regex(/^[0-9a-f]{32}$/, "32 lower-case hex digits");
const replayBody = z.union([
  z.object({ group: groupName, ids: z.array(z.string().min(1).max(100)).min(1).max(1000) }).strict(),
  z.object({ group: groupName, all: z.literal(true) }).strict(),
]);

function parse<T>(schema: z.ZodType<T>, value: unknown, reason: string, message: string): T {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const violations: Violation[] = parsed.error.issues.map((i) => ({ field: i.path.join(".") || "(root)", message: i.message, rule: i.code }));
  throw badRequest(reason, message, violations);
}

export function installConsole(app: FastifyInstance, deps: ConsoleDeps): void {
  const adminOnly = async (req: FastifyRequest) => {
    await deps.authorize(options.Access.ADMIN, req.headers.authorization);
  };
  const known = async (group: string) => {
    if (!(await knownGroups(deps.targets)).has(group))
      throw new HttpError(Code.NotFound, "UNKNOWN_GROUP", `no running service has a consumer group ${group}`, { metadata: { group } });
  };
  app.addHook("onReady", (done) => {
    deps.routeStats.start();
    done();
  });
  app.addHook("onClose", async () => {
    deps.routeStats.stop();
    await deps.deadLetters.close();
  });

  app.get(consolePaths.services, { onRequest: adminOnly }, async () => listServices(deps.targets, deps.self));
  app.get(consolePaths.traces, { onRequest: adminOnly }, (req, reply) => {
    const q = parse(tracesQuery, req.query, "INVALID_QUERY", "limit must be 1 to 500");
    return reply.send(listTraces(deps.traces, q.limit));
  });
  app.get<{ Params: { traceId: string } }>(consolePaths.trace, { onRequest: adminOnly }, async (req) => {
    const id = parse(traceId, req.params.traceId, "BAD_TRACE_ID", "a trace id is 32 lower-case hex digits");
    const detail = await traceDetail(deps.targets, deps.traces, id);
    if (!detail.spans.length) {
      const where =
        deps.traces.store === "collector"
          ? "traces go to the OpenTelemetry collector (OTEL_EXPORTER_OTLP_ENDPOINT); look there"
          : "it may have left the in-memory store";
      throw new HttpError(Code.NotFound, "TRACE_NOT_FOUND", `no span of trace ${id}: ${where}`, { metadata: { store: deps.traces.store } });
    }
    return detail;
  });
  app.get(consolePaths.routes, { onRequest: adminOnly }, async () => deps.routeStats.read());
  app.get(consolePaths.bus, { onRequest: adminOnly }, async () => readBus(deps.targets));
  app.get(consolePaths.deadLetters, { onRequest: adminOnly }, async (req) => {
    const q = parse(listQuery, req.query, "INVALID_QUERY", "give a consumer group (group=) and a limit of 1 to 1000");
    await known(q.group);
    return { group: q.group, deadLetters: await deps.deadLetters.list(q.group, q.limit) } satisfies DeadLettersAnswer;
  });
  // Replaying ids is safe to repeat: a letter already replayed is no longer dead and is skipped, so
  // no Idempotency-Key store is kept; a key sent is checked like everywhere else.
  app.post(consolePaths.replay, { onRequest: adminOnly }, async (req) => {
    const key = req.headers["idempotency-key"];
    if (typeof key === "string" && (key.length === 0 || key.length > 128))
      throw badRequest("BAD_IDEMPOTENCY_KEY", "Idempotency-Key must be 1 to 128 characters");
    const body = parse(replayBody, req.body, "INVALID_REPLAY", "send {group, ids: [...]} or {group, all: true}");
    await known(body.group);
    const replayed = await deps.deadLetters.replay(body.group, "ids" in body ? { ids: body.ids } : { all: true });
    return { group: body.group, replayed } satisfies ReplayAnswer;
  });
}
