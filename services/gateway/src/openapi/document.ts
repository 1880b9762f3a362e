// The OpenAPI 3.1 document of the public REST API, generated from the same route table the gateway
// serves, so the two cannot drift apart.
import type { DescEnum, DescFile, DescMessage } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { options } from "@shop/contracts";
import { codeName } from "../errors.ts";
import { cacheable } from "../routes/microcache.ts";
import type { Route } from "../routes/table.ts";
import { loadComments } from "./comments.ts";
import { enumSchema, fieldSchema, isWellKnown, messageSchema, refTo, type Schema } from "./schemas.ts";

const errorSchema: Schema = {
  type: "object",
  required: ["code", "message", "details"],
  properties: {
    code: {
      type: "string",
      enum: Object.values(Code)
        .filter((c): c is Code => typeof c === "number")
        .map(codeName),
      description: "The Connect code, snake_case.",
    },
    message: { type: "string", description: "For people; do not parse." },
    details: {
      type: "object",
      required: ["reason", "metadata", "violations"],
      properties: {
        reason: { type: "string", description: "Stable, SCREAMING_SNAKE: what programs should branch on." },
        metadata: { type: "object", additionalProperties: { type: "string" } },
        violations: {
          type: "array",
          items: {
            type: "object",
            required: ["field", "message", "rule"],
            properties: { field: { type: "string" }, message: { type: "string" }, rule: { type: "string" } },
          },
        },
      },
    },
  },
};

const errorResponse = (description: string, headers?: Schema) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { "application/json": { schema: refTo("Error") } },
});

const responses = {
  BadRequest: errorResponse("Invalid input: malformed JSON, an unknown or ill-typed field, a broken validation rule."),
  Unauthorized: errorResponse("No valid access token."),
  Forbidden: errorResponse("The token's user lacks the admin role."),
  NotFound: errorResponse("Not found, or not yours."),
  TooManyRequests: errorResponse("Rate limited or throttled; retry after the given seconds.", {
    "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait." },
  }),
  Error: errorResponse("Any other error."),
};

// Public reads carry validators (http-cache.ts).
const cacheHeaders = {
  ETag: { schema: { type: "string" }, description: "Strong validator of the body: send it back in If-None-Match." },
  "Cache-Control": { schema: { type: "string" }, description: "public, max-age=…, stale-while-revalidate=…" },
};

const accessName: Record<Route["access"], string> = { [options.Access.PUBLIC]: "public", [options.Access.USER]: "user", [options.Access.ADMIN]: "admin" };

/** Every message and enum the routes use, and which messages are (part of) a request. */
function collectTypes(routes: Route[]) {
  const messages = new Map<string, DescMessage>();
  const enums = new Map<string, DescEnum>();
  const inputs = new Set<string>();
  const visit = (m: DescMessage, input: boolean) => {
    if (isWellKnown(m) || (messages.has(m.typeName) && (!input || inputs.has(m.typeName)))) return;
    messages.set(m.typeName, m);
    if (input) inputs.add(m.typeName);
    for (const f of m.fields) {
      if (f.enum) enums.set(f.enum.typeName, f.enum);
      if (f.message) visit(f.message, input);
    }
  };
  for (const r of routes) {
    visit(r.method.input, true);
    visit(r.method.output, false);
  }
  return { messages, enums, inputs };
}

function operation(route: Route, comments: Map<string, string>, operationId: string): Schema {
  const comment = comments.get(`${route.service.typeName}.${route.method.name}`);
  const summary = comment?.split(/(?<=\.)\s/)[0] ?? route.method.name;
  const param = (where: "path" | "query", f: Route["pathFields"][number]) => ({
    name: where === "path" ? f.name : f.jsonName,
    in: where,
    required: where === "path",
    schema: fieldSchema(f, undefined),
    ...(comments.get(`${route.method.input.typeName}.${f.name}`) ? { description: comments.get(`${route.method.input.typeName}.${f.name}`) } : {}),
  });
  const parameters: Schema[] = [...route.pathFields.map((f) => param("path", f)), ...route.queryFields.map((f) => param("query", f))];
  const publicRead = cacheable(route);
  if (publicRead) {
    parameters.push({
      name: "If-None-Match",
      in: "header",
      required: false,
      schema: { type: "string" },
      description: "ETags of copies held: 304 when one is current.",
    });
  }
  if (route.verb !== "GET") {
    parameters.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      schema: { type: "string", maxLength: 128 },
      description: "Makes a retry of this request safe.",
    });
  }
  const input = route.method.input;
  const omit = new Set(route.pathFields.map((f) => f.name));
  const bodySchema =
    route.body.kind === "all"
      ? omit.size
        ? messageSchema(input, { input: true, comments, omit })
        : refTo(input.typeName)
      : route.body.kind === "field"
        ? fieldSchema(route.body.field, undefined)
        : undefined;
  const authed = route.access !== options.Access.PUBLIC;
  const ref = (name: keyof typeof responses) => ({ $ref: `#/components/responses/${name}` });
  return {
    operationId,
    tags: [route.service.name],
    summary,
    ...(comment && comment !== summary ? { description: comment } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(bodySchema ? { requestBody: { required: true, content: { "application/json": { schema: bodySchema } } } } : {}),
    responses: {
      "200": {
        description: "OK",
        ...(publicRead ? { headers: cacheHeaders } : {}),
        content: { "application/json": { schema: refTo(route.method.output.typeName) } },
      },
      ...(publicRead ? { "304": { description: "Not modified: the copy named in If-None-Match is current.", headers: cacheHeaders } } : {}),
      "400": ref("BadRequest"),
      ...(authed ? { "401": ref("Unauthorized") } : {}),
      ...(route.access === options.Access.ADMIN ? { "403": ref("Forbidden") } : {}),
      ...(route.pathFields.length ? { "404": ref("NotFound") } : {}),
      "429": ref("TooManyRequests"),
      default: ref("Error"),
    },
    security: authed ? [{ bearer: [] }] : [],
    "x-shop-access": accessName[route.access],
    // The RPC's own per-user limit (the rate_limit option), beside the gateway's general ones.
    ...(route.perUserPerMinute ? { "x-shop-rate-limit-per-user-per-minute": route.perUserPerMinute } : {}),
  };
}

export function buildOpenApi(routes: Route[]): Schema {
  const files = new Map<string, DescFile>();
  const { messages, enums, inputs } = collectTypes(routes);
  for (const d of [...messages.values(), ...enums.values(), ...routes.map((r) => r.service)]) files.set(d.file.name, d.file);
  const comments = loadComments(files.values());
  const paths: Record<string, Record<string, Schema>> = {};
  const ids = new Map<string, number>();
  for (const route of routes) {
    const base = `${route.service.name}_${route.method.name}`;
    const n = ids.get(base) ?? 0;
    ids.set(base, n + 1);
    (paths[route.template] ??= {})[route.verb.toLowerCase()] = operation(route, comments, n === 0 ? base : `${base}_${n + 1}`);
  }
  const schemas: Record<string, Schema> = { Error: errorSchema };
  for (const [name, m] of [...messages].sort(([a], [b]) => a.localeCompare(b))) schemas[name] = messageSchema(m, { input: inputs.has(name), comments });
  for (const [name, e] of enums) schemas[name] = enumSchema(e, comments.get(name));
  const services = new Map(routes.map((r) => [r.service.name, r.service.typeName]));
  return {
    openapi: "3.1.0",
    info: {
      title: "Shop API",
      version: "v1",
      description: "The public REST API of Shop, generated from the proto contracts. Errors are always `{code, message, details}`.",
    },
    servers: [{ url: "/" }],
    tags: [...services].map(([name, full]) => ({ name, ...(comments.get(full) ? { description: comments.get(full) } : {}) })),
    paths,
    components: { schemas, responses, securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } } },
  };
}
