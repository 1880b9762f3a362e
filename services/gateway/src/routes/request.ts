// Builds the RPC request from an HTTP request: JSON body, path parameters and query parameters, per
// the route's http rule. Anything the request message does not declare is refused (400), so a
// client cannot slip `roles` or `id` into an update; a path value the body contradicts is refused too.
import { fromJson, ScalarType, type DescField, type DescMessage, type JsonObject, type JsonValue, type Message } from "@bufbuild/protobuf";
import { fieldWithNul } from "@shop/kit/rpc/text-rules";
import { badRequest, type Violation } from "../errors.ts";
import type { Route } from "./table.ts";

export interface HttpParts {
  body: unknown;
  params: Record<string, string>;
  query: Record<string, string | string[] | undefined>;
}

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

function bodyJson(route: Route, body: unknown): JsonObject {
  switch (route.body.kind) {
    case "all":
      if (body === undefined || body === null) return {};
      if (!isObject(body)) throw badRequest("BODY_NOT_OBJECT", "the request body must be a JSON object");
      return { ...body };
    case "field":
      return body === undefined ? {} : { [route.body.field.jsonName]: body as JsonValue };
    case "none":
      if (body === undefined || (isObject(body) && Object.keys(body).length === 0)) return {};
      throw badRequest("BODY_NOT_ALLOWED", `${route.verb} ${route.template} takes no request body`);
  }
}

// Query values are text; proto3 JSON accepts numbers and enum names as strings, but booleans only as literals.
function queryValue(field: DescField, raw: string): JsonValue {
  const isBool = (field.fieldKind === "scalar" || (field.fieldKind === "list" && field.listKind === "scalar")) && field.scalar === ScalarType.BOOL;
  if (isBool && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}

function addQuery(route: Route, query: HttpParts["query"], into: JsonObject): void {
  for (const [key, raw] of Object.entries(query)) {
    if (raw === undefined) continue;
    const field = route.queryFields.find((f) => f.name === key || f.jsonName === key);
    if (!field) {
      const v: Violation = { field: key, message: "unknown query parameter", rule: "unknown_field" };
      throw badRequest("UNKNOWN_QUERY_PARAMETER", `unknown query parameter "${key.slice(0, 64)}"`, [v]);
    }
    if (Object.hasOwn(into, field.jsonName)) throw badRequest("DUPLICATE_QUERY_PARAMETER", `query parameter "${key}" given more than once`);
    if (field.fieldKind === "list") {
      into[field.jsonName] = (Array.isArray(raw) ? raw : [raw]).map((r) => queryValue(field, r));
    } else {
      if (Array.isArray(raw)) throw badRequest("DUPLICATE_QUERY_PARAMETER", `query parameter "${key}" given more than once`);
      into[field.jsonName] = queryValue(field, raw);
    }
  }
}

function addPath(route: Route, params: HttpParts["params"], into: JsonObject): void {
  for (const field of route.pathFields) {
    const value = params[field.name] ?? "";
    for (const key of new Set([field.name, field.jsonName])) {
      if (!Object.hasOwn(into, key)) continue;
      if (into[key] !== value) {
        throw badRequest("PATH_BODY_MISMATCH", `${field.jsonName} in the body differs from the path`, [
          { field: field.jsonName, message: "must equal the value in the path", rule: "path_match" },
        ]);
      }
      delete into[key];
    }
    into[field.jsonName] = value;
  }
}

/** Turns protobuf-es's decode errors into a violation naming the field (by its JSON name), when the text allows. */
function decodeViolations(schema: DescMessage, message: string): Violation[] {
  const unknown = /key "([^"]{1,64})" is unknown/.exec(message);
  if (unknown) return [{ field: unknown[1]!, message: "unknown field", rule: "unknown_field" }];
  const field = /decode field ([\w.]+)\.(\w+) from JSON: (.*)$/.exec(message);
  if (!field) return [];
  const own = field[1] === schema.typeName ? schema.fields.find((f) => f.name === field[2]) : undefined;
  return [{ field: own?.jsonName ?? field[2]!, message: field[3]!, rule: "json_type" }];
}

// No text in Shop may hold U+0000 (PostgreSQL refuses it in text columns): refused here as bad
// input rather than failing deep inside a service.
export function buildRequest(route: Route, http: HttpParts): Message {
  const json = bodyJson(route, http.body);
  addQuery(route, http.query, json);
  addPath(route, http.params, json);
  let message: Message;
  try {
    message = fromJson(route.method.input, json, { ignoreUnknownFields: false });
  } catch (err) {
    const text = (err as Error).message;
    throw badRequest("INVALID_FIELD", text, decodeViolations(route.method.input, text));
  }
  // The services refuse it too (kit); refused here it never costs an upstream call.
  const nul = fieldWithNul(route.method.input, message);
  if (nul !== undefined) throw badRequest("NUL_CHARACTER", "text must not contain U+0000", [{ field: nul, message: "contains U+0000", rule: "no_nul" }]);
  return message;
}
