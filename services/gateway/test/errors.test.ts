// The one Connect-code -> HTTP-status table and the error body.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { errorsv1 } from "@shop/contracts";
import { createLogger } from "@shop/kit/log";
import Fastify from "fastify";
import { httpStatusOf, installErrorHandling } from "../src/errors.ts";

void describe("error mapping", () => {
  void test("the table maps every Connect code as the API promises", () => {
    assert.deepEqual(Object.fromEntries(Object.entries(httpStatusOf).map(([code, status]) => [Code[Number(code)], status])), {
      Canceled: 499,
      Unknown: 500,
      InvalidArgument: 400,
      DeadlineExceeded: 504,
      NotFound: 404,
      AlreadyExists: 409,
      PermissionDenied: 403,
      ResourceExhausted: 429,
      FailedPrecondition: 400,
      Aborted: 409,
      OutOfRange: 400,
      Unimplemented: 501,
      Internal: 500,
      Unavailable: 503,
      DataLoss: 500,
      Unauthenticated: 401,
    });
  });

  const app = Fastify();
  installErrorHandling(app, createLogger("test", "silent"));
  const detail = create(errorsv1.ErrorDetailSchema, {
    reason: "LOGIN_THROTTLED",
    metadata: { scope: "account" },
    retryAfterSeconds: 42,
    violations: [{ field: "login", message: "too many", rule: "throttle" }],
  });
  app.get("/throttled", () => {
    throw new ConnectError("too many failed logins", Code.ResourceExhausted, undefined, [{ desc: errorsv1.ErrorDetailSchema, value: detail }]);
  });
  app.get("/down", () => {
    throw new ConnectError("connect ECONNREFUSED 10.1.2.3:9190", Code.Unavailable);
  });
  app.get("/bug", () => {
    throw new TypeError("cannot read properties of undefined");
  });

  void test("details and Retry-After come from the upstream's ErrorDetail", async () => {
    const res = await app.inject({ url: "/throttled" });
    assert.equal(res.statusCode, 429);
    assert.equal(res.headers["retry-after"], "42");
    assert.deepEqual(res.json(), {
      code: "resource_exhausted",
      message: "too many failed logins",
      details: { reason: "LOGIN_THROTTLED", metadata: { scope: "account" }, violations: [{ field: "login", message: "too many", rule: "throttle" }] },
    });
  });

  void test("server-side failures say nothing about hosts or code", async () => {
    const down = await app.inject({ url: "/down" });
    assert.equal(down.statusCode, 503);
    assert.equal(down.json<{ code: string }>().code, "unavailable");
    assert.doesNotMatch(down.body, /10\.1\.2\.3|ECONNREFUSED/);
    const bug = await app.inject({ url: "/bug" });
    assert.equal(bug.statusCode, 500);
    assert.deepEqual(bug.json(), { code: "internal", message: "internal error", details: { reason: "INTERNAL", metadata: {}, violations: [] } });
  });

  void test("unknown routes get the same shape", async () => {
    const res = await app.inject({ url: "/nowhere" });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json<{ details: { reason: string } }>().details.reason, "ROUTE_NOT_FOUND");
  });
});
