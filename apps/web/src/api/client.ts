// The typed client of the gateway's REST API, read from the same proto descriptors the gateway builds
// its routes from: an RPC's google.api.http rule gives the verb, the path and where each field goes,
// and its input and output types come from the generated code. A contract change is a type error here.
import {
  create,
  fromJson,
  getOption,
  toJson,
  type DescMethodUnary,
  type DescMessage,
  type JsonObject,
  type MessageInitShape,
  type MessageShape,
} from "@bufbuild/protobuf";
import { http as httpRule } from "@shop/contracts/google/api/annotations_pb.ts";
import { ApiError, errorFrom } from "./error.ts";
import { session } from "../auth/tokens.ts";

export type Method = DescMethodUnary<DescMessage, DescMessage>;
export type Input<M extends Method> = MessageInitShape<M["input"]>;
export type Output<M extends Method> = MessageShape<M["output"]>;

export interface CallOptions {
  signal?: AbortSignal;
  /** Sent as Idempotency-Key: a retried write does its work once. */
  idempotencyKey?: string;
  /**
   * Revalidate with the server (fetch's cache "no-cache") instead of taking the browser's copy of a
   * public answer, which it may keep for its max-age: an admin reading right after their own change.
   */
  fresh?: boolean;
}

interface HttpCall {
  verb: string;
  url: string;
  /** JSON text, or raw bytes (an upload, typed by its Blob). */
  body?: string | Blob;
}

/** Builds the HTTP request of an RPC from its http rule: path fields, then body or query string. */
export function httpCall<M extends Method>(method: M, input: Input<M>): HttpCall {
  const rule = getOption(method, httpRule);
  const { pattern } = rule;
  if (pattern.case === undefined || pattern.case === "custom") throw new Error(`${method.name} has no REST route`);
  const json = toJson(method.input, create(method.input, input)) as JsonObject;
  const fieldJson = (name: string) => method.input.fields.find((f) => f.name === name)?.jsonName ?? name;
  const path = pattern.value.replace(/\{([a-z0-9_]+)\}/g, (_: string, name: string) => {
    const key = fieldJson(name);
    const value = json[key];
    delete json[key];
    if (typeof value !== "string" && typeof value !== "number") throw new Error(`${method.name}: path field ${name} is empty`);
    if (value === "") throw new Error(`${method.name}: path field ${name} is empty`);
    return encodeURIComponent(String(value));
  });
  const verb = pattern.case.toUpperCase();
  if (rule.body === "*") return { verb, url: path, body: JSON.stringify(json) };
  let body: string | undefined;
  if (rule.body) {
    const key = fieldJson(rule.body);
    body = JSON.stringify(json[key] ?? {});
    delete json[key];
  }
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(json)) {
    for (const v of Array.isArray(value) ? value : [value]) if (v !== null && typeof v !== "object") query.append(key, String(v));
  }
  const qs = query.toString();
  return { verb, url: qs ? `${path}?${qs}` : path, ...(body === undefined ? {} : { body }) };
}

async function send(call: HttpCall, opts: CallOptions, token: string | undefined): Promise<Response> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (typeof call.body === "string") headers["content-type"] = "application/json";
  if (token) headers.authorization = `Bearer ${token}`;
  if (opts.idempotencyKey) headers["idempotency-key"] = opts.idempotencyKey;
  return fetch(call.url, {
    method: call.verb,
    headers,
    body: call.body ?? null,
    signal: opts.signal ?? null,
    ...(opts.fresh ? { cache: "no-cache" as const } : {}),
  });
}

/** Sends a call signed in (refreshing once on a 401) and reads its JSON answer; throws ApiError on a refusal. */
async function exchange(call: HttpCall, opts: CallOptions): Promise<unknown> {
  const token = await session.accessToken();
  let res = await send(call, opts, token);
  if (res.status === 401 && token) {
    const fresh = await session.refresh();
    if (fresh) res = await send(call, opts, fresh);
    else session.expire();
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    throw new ApiError(res.status, "unknown", "BAD_RESPONSE", `the server answered ${res.status} with something that is not JSON`);
  }
  if (!res.ok) throw errorFrom(res.status, body);
  return body;
}

/**
 * Calls one RPC through the gateway. Signed in, it sends the access token; a 401 refreshes the
 * session once and tries again, and a session that cannot be refreshed ends (the app then asks the
 * shopper to sign in again and brings them back).
 */
export async function rpc<M extends Method>(method: M, input: Input<M>, opts: CallOptions = {}): Promise<Output<M>> {
  const body = await exchange(httpCall(method, input), opts);
  // Unknown fields are skipped: a newer service behind a gray rule may answer with more than this UI knows.
  return fromJson(method.output, body as JsonObject, { ignoreUnknownFields: true }) as Output<M>;
}

/**
 * Calls one of the gateway's own JSON routes, which are not RPCs (the operations console, gray
 * release, file upload), the same way as rpc(). `T` is the answer's type as the gateway declares it
 * (e.g. @shop/gateway/console-answers), so a change there is a type error in the page. A Blob body is
 * sent as raw bytes, anything else as JSON.
 */
export async function gatewayJson<T>(verb: "GET" | "POST" | "PUT", url: string, body?: unknown, opts: CallOptions = {}): Promise<T> {
  const sent = body === undefined ? {} : { body: body instanceof Blob ? body : JSON.stringify(body) };
  return (await exchange({ verb, url, ...sent }, opts)) as T;
}
