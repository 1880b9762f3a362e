// One JSON call to a running system, for the tests that start it through the launcher (npm start,
// npm run cluster): status and parsed body, with a deadline so a stuck system fails the test.
import assert from "node:assert/strict";

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

export async function call(base: string, method: string, path: string, body?: unknown, token?: string): Promise<Reply> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** The body of a 2xx reply; anything else fails with `what`, the status and the body. */
export function ok(reply: Reply, what: string): Record<string, unknown> {
  assert.ok(reply.status >= 200 && reply.status < 300, `${what}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}
