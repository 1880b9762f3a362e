// One trace from the gateway through the user service into PostgreSQL, and logs carrying its id.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { client, opsPortOf, register, startStack, type Stack } from "../services/gateway/test/helpers.ts";

interface Span {
  name: string;
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
}

let stack: Stack;
before(async () => {
  stack = await startStack();
});
after(async () => stack?.stop());

async function spansOf(port: number, traceId: string, until: (spans: Span[]) => boolean): Promise<Span[]> {
  let spans: Span[] = [];
  for (let i = 0; i < 40 && !until(spans); i++) {
    await sleep(100);
    spans = (await (await fetch(`http://127.0.0.1:${port}/debug/traces?trace_id=${traceId}`)).json()) as Span[];
  }
  return spans;
}

void test("GET /users/me is one trace: gateway -> user service -> PostgreSQL", async () => {
  const call = client(stack.gateway.httpPort);
  const u = await register(call);
  const traceId = randomBytes(16).toString("hex");
  const res = await call("GET", "/api/v1/users/me", { token: u.access, headers: { traceparent: `00-${traceId}-${randomBytes(8).toString("hex")}-01` } });
  assert.equal(res.status, 200, res.text);

  const gatewaySpans = await spansOf(opsPortOf(stack.gateway), traceId, (s) => s.length > 0);
  assert.ok(gatewaySpans.length > 0, "the gateway recorded the request");
  const userSpans = await spansOf(stack.user.httpPort, traceId, (s) => s.some((x) => x.name.startsWith("pg")));
  const rpc = userSpans.find((s) => s.name === "shop.user.v1.AccountService/GetMe");
  assert.ok(rpc, `the RPC span is in the trace: ${JSON.stringify(userSpans.map((s) => s.name))}`);
  const query = userSpans.find((s) => s.name.startsWith("pg"));
  assert.ok(query, `a PostgreSQL span is in the trace: ${JSON.stringify(userSpans.map((s) => s.name))}`);
  const ids = new Set([...gatewaySpans, ...userSpans].map((s) => s.spanId));
  assert.ok(rpc.parentSpanId && ids.has(rpc.parentSpanId), "the RPC span's parent is a gateway span");

  const logged = stack.user.logs.concat(stack.gateway.logs).filter((l) => l.trace_id === traceId);
  assert.ok(logged.length > 0, "log lines carry the trace id");
});
