// Calls to the gateway's routes that are not proto RPCs (image upload, gray release): fetch with the
// session's access token, errors read into the same ApiError the typed client throws.
import { fromJson, type JsonObject } from "@bufbuild/protobuf";
import { queryOptions } from "@tanstack/react-query";
import { httpCall, type Input, type Method, type Output } from "../../api/client.ts";
import { errorFrom } from "../../api/error.ts";
import { session } from "../../auth/tokens.ts";

export async function adminFetch<T>(url: string, init: { method?: string; body?: BodyInit; json?: unknown } = {}): Promise<T> {
  const send = async (token: string | undefined) => {
    const headers: Record<string, string> = { accept: "application/json" };
    if (token) headers.authorization = `Bearer ${token}`;
    if (init.json !== undefined) headers["content-type"] = "application/json";
    const body = init.json !== undefined ? JSON.stringify(init.json) : (init.body ?? null);
    return fetch(url, { method: init.method ?? "GET", headers, body });
  };
  const token = await session.accessToken();
  let res = await send(token);
  if (res.status === 401 && token) {
    const fresh = await session.refresh();
    if (fresh) res = await send(fresh);
    else session.expire();
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = { message: `the server answered ${res.status}` };
  }
  if (!res.ok) throw errorFrom(res.status, body);
  return body as T;
}

/** Uploads one product image (raw bytes, the file service reads the type); answers its URL. */
export async function uploadProductImage(file: Blob): Promise<string> {
  const res = await adminFetch<{ file: { url: string } }>("/api/v1/files?purpose=product", { method: "POST", body: file });
  return res.file.url;
}

/**
 * A public read (the category tree) as an admin must see it: right after their own change. The typed
 * client lets the browser keep public answers for their max-age (plus stale-while-revalidate), so
 * this revalidates with the ETag every time; the answer is still read through the RPC's descriptor.
 */
export async function freshRpc<M extends Method>(method: M, input: Input<M>, signal?: AbortSignal): Promise<Output<M>> {
  const call = httpCall(method, input);
  const res = await fetch(call.url, { headers: { accept: "application/json" }, cache: "no-cache", signal: signal ?? null });
  const body: unknown = await res.json().catch(() => ({ message: `the server answered ${res.status}` }));
  if (!res.ok) throw errorFrom(res.status, body);
  return fromJson(method.output, body as JsonObject, { ignoreUnknownFields: true }) as Output<M>;
}

/** Query options like rpcQuery's (same key, so invalidation works alike), read fresh. */
export function freshQuery<M extends Method>(method: M, input: Input<M>) {
  return queryOptions({
    queryKey: [method.parent.typeName, method.name, input] as const,
    queryFn: ({ signal }) => freshRpc(method, input, signal),
  });
}
