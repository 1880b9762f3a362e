// The operations console's routes in the OpenAPI document: the gateway's own, described by hand
// next to them, as the gray release admin routes are.
import type { Schema } from "../openapi/schemas.ts";
import { consolePaths } from "./admin.ts";

const error = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });
const json = (description: string) => ({ description, content: { "application/json": { schema: { type: "object", additionalProperties: true } } } });
const denied = { "401": error("TOKEN_MISSING or TOKEN_INVALID."), "403": error("ADMIN_REQUIRED.") };
const query = (name: string, schema: Schema, description: string, required = false) => ({ name, in: "query", required, schema, description });

const read = (operationId: string, summary: string, answer: string, extra: Record<string, unknown> = {}): Record<string, Schema> => ({
  get: { operationId, tags: ["Operations"], summary, security: [{ bearer: [] }], ...extra, responses: { "200": json(answer), ...denied } },
});

const groupSchema: Schema = { type: "string", minLength: 1, maxLength: 200, pattern: "^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$" };

export const consoleOpenApiPaths: Record<string, Record<string, Schema>> = {
  [consolePaths.services]: read(
    "Operations_Services",
    "Every service and instance found through the registry, with readiness, version and uptime.",
    "{services: [{name, ready, instances: [{id, address, version, ready, checks, startedAt, uptimeSeconds, self}]}], checkedAt}.",
  ),
  [consolePaths.traces]: read(
    "Operations_Traces",
    "Recent traces through this gateway, newest first.",
    "{store: memory|collector, traces: [{traceId, name, startTime, durationMs, error, spanCount}]}.",
    {
      parameters: [query("limit", { type: "integer", minimum: 1, maximum: 500, default: 50 }, "Rows at most.")],
    },
  ),
  ["/api/v1/admin/ops/traces/{traceId}"]: {
    get: {
      operationId: "Operations_Trace",
      tags: ["Operations"],
      summary: "One trace's spans from the gateway and every instance, for a waterfall.",
      security: [{ bearer: [] }],
      parameters: [{ name: "traceId", in: "path", required: true, schema: { type: "string", pattern: "^[0-9a-f]{32}$" } }],
      responses: {
        "200": json("{traceId, store, spans: [{spanId, parentSpanId, service, name, startTime, durationMs, error, attributes}], unreachable}."),
        "400": error("BAD_TRACE_ID."),
        "404": error("TRACE_NOT_FOUND (gone from the in-memory store, or kept by the collector)."),
        ...denied,
      },
    },
  },
  [consolePaths.routes]: read(
    "Operations_Routes",
    "Per route of this gateway over the last minute: request rate, 5xx and 4xx shares, p99 latency.",
    "{windowSeconds, routes: [{method, route, requests, perSecond, errorRate, clientErrorRate, p99Ms, total}]}.",
  ),
  [consolePaths.bus]: read(
    "Operations_Bus",
    "The event bus from every instance's metrics: outbox lag per service, dead letters and deliveries per consumer group.",
    "{outbox: [{service, pending, oldestAgeSeconds}], groups: [{group, services, durable, deadLetters, delivered, failed, deadLettered}], unreachable, checkedAt}.",
  ),
  [consolePaths.deadLetters]: {
    get: {
      operationId: "Operations_DeadLetters",
      tags: ["Operations"],
      summary: "A consumer group's dead letters, oldest first, with the event decoded.",
      security: [{ bearer: [] }],
      parameters: [
        query("group", groupSchema, "A consumer group a running service reports.", true),
        query("limit", { type: "integer", minimum: 1, maximum: 1000, default: 100 }, "Letters at most."),
      ],
      responses: {
        "200": json("{group, deadLetters: [{id, topic, type, attempts, error, failedAt, occurredAt, payload, payloadBytes}]}."),
        "400": error("INVALID_QUERY."),
        "404": error("UNKNOWN_GROUP."),
        "503": error("BUS_UNAVAILABLE."),
        ...denied,
      },
    },
  },
  [consolePaths.replay]: {
    post: {
      operationId: "Operations_ReplayDeadLetters",
      tags: ["Operations"],
      summary: "Puts dead letters back on their group's queue (attempts start again). Safe to repeat: letters no longer dead are skipped.",
      security: [{ bearer: [] }],
      parameters: [{ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", minLength: 1, maxLength: 128 } }],
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              oneOf: [
                {
                  type: "object",
                  required: ["group", "ids"],
                  additionalProperties: false,
                  properties: { group: groupSchema, ids: { type: "array", minItems: 1, maxItems: 1000, items: { type: "string" } } },
                },
                {
                  type: "object",
                  required: ["group", "all"],
                  additionalProperties: false,
                  properties: { group: groupSchema, all: { type: "boolean", enum: [true] } },
                },
              ],
            },
          },
        },
      },
      responses: {
        "200": json("{group, replayed}."),
        "400": error("INVALID_REPLAY or BAD_IDEMPOTENCY_KEY."),
        "404": error("UNKNOWN_GROUP."),
        "503": error("BUS_UNAVAILABLE."),
        ...denied,
      },
    },
  },
};
