// The first admin from SHOP_ADMIN_* when an account of that name already exists: it is promoted
// only when the configured password is that account's own, so registering the name an operator
// will configure later does not make the squatter an admin.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Code } from "@connectrpc/connect";
import { userv1 } from "@shop/contracts";
import { bearer, rejectsWith, startUserService, uniqueUser, type TestService } from "./helpers.ts";

const adminEnv = (u: { username: string; email: string }, password: string) => ({
  SHOP_ADMIN_USERNAME: u.username,
  SHOP_ADMIN_EMAIL: u.email,
  SHOP_ADMIN_PASSWORD: password,
});

void describe("user service: first admin over an existing account", () => {
  let t: TestService;
  before(async () => {
    t = await startUserService();
  });
  after(async () => t?.close());

  const rolesOf = async (login: string, password: string) => {
    const pair = await t.auth.login({ login, password });
    return (await t.account.getMe({}, bearer(pair.accessToken))).roles;
  };

  void it("does not promote an account whose password is not the configured one, and says so", async () => {
    const squatter = { ...uniqueUser("boss"), password: "the squatter's password" };
    await t.auth.register(squatter);
    await t.restart(adminEnv(squatter, "the operator's password"));
    assert.deepEqual(await rolesOf(squatter.username, squatter.password), [userv1.Role.CUSTOMER]);
    await rejectsWith(t.auth.login({ login: squatter.username, password: "the operator's password" }), Code.Unauthenticated, "INVALID_CREDENTIALS");
    const logged = t.svc.logs.find((l) => l.msg === "first admin not ensured");
    assert.ok(logged, "an error names the conflict");
    assert.equal(logged.level, "error");
    assert.equal(logged.reason, "ADMIN_PASSWORD_MISMATCH");
    assert.match(String(logged.error), new RegExp(squatter.username));
  });

  void it("promotes an existing account when the configured password is its own", async () => {
    const owner = uniqueUser("owner");
    await t.auth.register(owner);
    await t.restart(adminEnv(owner, owner.password));
    assert.deepEqual(await rolesOf(owner.username, owner.password), [userv1.Role.CUSTOMER, userv1.Role.ADMIN]);
    assert.ok(t.svc.logs.some((l) => l.msg === "first admin ensured" && l.outcome === "promoted"));
  });
});
