// The signed-in user's profile and password change.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Code } from "@connectrpc/connect";
import { userv1 } from "@shop/contracts";
import { bearer, registerUser, rejectsWith, startUserService, type TestService } from "./helpers.ts";

void describe("user service: profile and password", () => {
  let t: TestService;
  before(async () => {
    t = await startUserService();
  });
  after(async () => t?.close());

  void it("updates only the fields given", async () => {
    const a = await registerUser(t, "prof");
    const auth = bearer(a.tokens.accessToken);
    const renamed = await t.account.updateMe({ displayName: "New Name" }, auth);
    assert.equal(renamed.displayName, "New Name");
    assert.equal(renamed.email, a.email);
    const moved = await t.account.updateMe({ email: `Moved.${a.email}` }, auth);
    assert.equal(moved.email, `moved.${a.email}`.toLowerCase());
    assert.equal(moved.displayName, "New Name");
    assert.ok(moved.updatedAt!.seconds >= moved.createdAt!.seconds);
    const me = await t.account.getMe({}, auth);
    assert.deepEqual([me.displayName, me.email, me.username], ["New Name", moved.email, a.username]);
  });

  void it("refuses an email another user has, and changes nothing", async () => {
    const a = await registerUser(t, "mailA");
    const b = await registerUser(t, "mailB");
    await rejectsWith(t.account.updateMe({ email: b.email.toUpperCase(), displayName: "x" }, bearer(a.tokens.accessToken)), Code.AlreadyExists, "EMAIL_TAKEN");
    const me = await t.account.getMe({}, bearer(a.tokens.accessToken));
    assert.equal(me.email, a.email);
    assert.equal(me.displayName, a.username);
  });

  void it("acts only on the token's user, whoever the body names", async () => {
    const a = await registerUser(t, "selfA");
    const b = await registerUser(t, "selfB");
    // UpdateMe has no id or roles fields: a JSON body naming them is refused (the gateway) or the
    // extra members are ignored (this service's codec); either way only A's display name may change.
    const res = await fetch(`${t.baseUrl}/shop.user.v1.AccountService/UpdateMe`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${a.tokens.accessToken}` },
      body: JSON.stringify({ displayName: "x", id: b.user.id, roles: ["ROLE_ADMIN"] }),
    });
    assert.ok(res.status === 200 || res.status === 400, `status ${res.status}`);
    const aMe = await t.account.getMe({}, bearer(a.tokens.accessToken));
    assert.equal(aMe.id, a.user.id);
    assert.deepEqual(aMe.roles, [userv1.Role.CUSTOMER]);
    const bMe = await t.account.getMe({}, bearer(b.tokens.accessToken));
    assert.equal(bMe.displayName, b.username);
    assert.deepEqual(bMe.roles, [userv1.Role.CUSTOMER]);
  });

  void it("refuses a wrong current password", async () => {
    const a = await registerUser(t, "pwWrong");
    await rejectsWith(
      t.account.changePassword({ currentPassword: "not it at all", newPassword: "another-secret" }, bearer(a.tokens.accessToken)),
      Code.PermissionDenied,
      "WRONG_PASSWORD",
    );
    await t.auth.login({ login: a.username, password: a.password });
  });

  void it("changes the password and ends every session", async () => {
    const a = await registerUser(t, "pwChange");
    const second = await t.auth.login({ login: a.email, password: a.password });
    await t.account.changePassword({ currentPassword: a.password, newPassword: "brand-new-secret" }, bearer(a.tokens.accessToken));
    for (const refreshToken of [a.tokens.refreshToken, second.refreshToken]) {
      await rejectsWith(t.auth.refresh({ refreshToken }), Code.Unauthenticated, "REFRESH_TOKEN_INVALID");
    }
    await rejectsWith(t.auth.login({ login: a.username, password: a.password }), Code.Unauthenticated, "INVALID_CREDENTIALS");
    const fresh = await t.auth.login({ login: a.username, password: "brand-new-secret" });
    await t.auth.refresh({ refreshToken: fresh.refreshToken });
  });
});
