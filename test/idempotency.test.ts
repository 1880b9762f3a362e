// Idempotency-Key on mutating RPCs (kit interceptor), seen through the user service.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { create, toBinary } from "@bufbuild/protobuf";
import { Code, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { userv1 } from "@shop/contracts";
import { bearer, registerUser, rejectsWith, startUserService, type TestService } from "../services/user/test/helpers.ts";

const home = { recipientName: "Ada", phone: "+44 20 7946 0000", countryCode: "GB", city: "London", line1: "1 Main St" };

void describe("Idempotency-Key", () => {
  let t: TestService;
  before(async () => {
    t = await startUserService();
  });
  after(async () => t?.close());

  void it("answers a retry with the first response and does the work once", async () => {
    const u = await registerUser(t, "idem");
    const opts = bearer(u.tokens.accessToken, { "idempotency-key": "create-home-1" });
    const first = await t.address.createAddress(home, opts);
    const retry = await t.address.createAddress(home, opts);
    assert.equal(retry.id, first.id);
    const { addresses } = await t.address.listAddresses({}, bearer(u.tokens.accessToken));
    assert.equal(addresses.length, 1);
  });

  void it("replays over gRPC too", async () => {
    const u = await registerUser(t, "idemgrpc");
    const grpc = createClient(userv1.AddressService, createGrpcTransport({ baseUrl: `http://127.0.0.1:${t.svc.grpcPort}` }));
    const opts = bearer(u.tokens.accessToken, { "idempotency-key": "grpc-1" });
    const first = await grpc.createAddress(home, opts);
    const retry = await grpc.createAddress(home, opts);
    assert.equal(retry.id, first.id);
    assert.equal((await grpc.listAddresses({}, bearer(u.tokens.accessToken))).addresses.length, 1);
  });

  void it("refuses the same key with a different body, and keys are per user", async () => {
    const u = await registerUser(t, "idem2");
    const other = await registerUser(t, "idem3");
    await t.address.createAddress(home, bearer(u.tokens.accessToken, { "idempotency-key": "k-1" }));
    await rejectsWith(
      t.address.createAddress({ ...home, city: "Paris" }, bearer(u.tokens.accessToken, { "idempotency-key": "k-1" })),
      Code.FailedPrecondition,
      "IDEMPOTENCY_KEY_REUSED",
    );
    const theirs = await t.address.createAddress(home, bearer(other.tokens.accessToken, { "idempotency-key": "k-1" }));
    assert.equal(theirs.city, "London");
    assert.equal((await t.address.listAddresses({}, bearer(other.tokens.accessToken))).addresses.length, 1);
  });

  void it("never stores or replays public calls that return credentials", async () => {
    const u = await registerUser(t, "idem5");
    const opts = { headers: { "idempotency-key": "login-1" } };
    const first = await t.auth.login({ login: u.username, password: u.password }, opts);
    const second = await t.auth.login({ login: u.username, password: u.password }, opts);
    assert.notEqual(second.refreshToken, first.refreshToken);
    const stored = await t.sql("select count(*)::int as n from kit_idempotency where method like 'shop.user.v1.AuthService/%'");
    assert.equal((stored.rows[0] as { n: number }).n, 0);
  });

  void it("lets a failed call be retried with the same key, and rejects malformed keys", async () => {
    const u = await registerUser(t, "idem4");
    const opts = bearer(u.tokens.accessToken, { "idempotency-key": "retry-me" });
    await rejectsWith(t.address.setDefaultAddress({ addressId: "0190d3c4-0000-7000-8000-000000000000" }, opts), Code.NotFound);
    const made = await t.address.createAddress(home, opts);
    assert.ok(made.id);
    await rejectsWith(
      t.address.createAddress(home, bearer(u.tokens.accessToken, { "idempotency-key": "bad key with spaces" })),
      Code.InvalidArgument,
      "IDEMPOTENCY_KEY_INVALID",
    );
  });

  void it("keeps a ChangePassword request only as an HMAC under the service's own secret, never a plain hash of the passwords", async () => {
    const u = await registerUser(t, "idem6");
    const request = { currentPassword: u.password, newPassword: "a-new-secret-for-idem6" };
    await t.account.changePassword(request, bearer(u.tokens.accessToken, { "idempotency-key": "pw-1" }));
    const { rows } = await t.sql("select request_hash from kit_idempotency where key = 'pw-1'");
    const secretFile = join(t.dataDir, "keys", "idempotency-user.key");
    assert.equal(statSync(secretFile).mode & 0o777, 0o600, "the secret is readable by its owner only");
    const secret = Buffer.from(readFileSync(secretFile, "utf8").trim(), "base64");
    assert.equal(secret.length, 32);
    const expected = createHmac("sha256", secret)
      .update("shop.user.v1.AccountService/ChangePassword")
      .update("\0")
      .update(toBinary(userv1.ChangePasswordRequestSchema, create(userv1.ChangePasswordRequestSchema, request)))
      .digest("hex");
    assert.equal((rows[0] as { request_hash: string }).request_hash, expected);
  });
});
