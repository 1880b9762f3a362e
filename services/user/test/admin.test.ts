// User administration and the first admin from the environment.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Code } from "@connectrpc/connect";
import { decodeJwt } from "jose";
import { userv1 } from "@shop/contracts";
import { bearer, registerUser, rejectsWith, startUserService, type TestService } from "./helpers.ts";

const admin = { username: "root-admin", email: "Root@Example.com", password: "first admin secret" };

void describe("user service: admin", () => {
  let t: TestService;
  let adminAuth: ReturnType<typeof bearer>;
  let adminId: string;
  before(async () => {
    t = await startUserService({ SHOP_ADMIN_USERNAME: admin.username, SHOP_ADMIN_EMAIL: admin.email, SHOP_ADMIN_PASSWORD: admin.password });
    const pair = await t.auth.login({ login: admin.username, password: admin.password });
    adminAuth = bearer(pair.accessToken);
    adminId = decodeJwt(pair.accessToken).sub!;
  });
  after(async () => t?.close());

  void it("creates the first admin from the environment", async () => {
    const me = await t.account.getMe({}, adminAuth);
    assert.equal(me.email, "root@example.com");
    assert.deepEqual(me.roles, [userv1.Role.CUSTOMER, userv1.Role.ADMIN]);
    assert.ok(t.svc.logs.some((l) => l.msg === "first admin ensured" && l.outcome === "created"));
  });

  void it("never overwrites the admin's password on a restart with another one; keeps its signing key", async () => {
    const kid = (await t.auth.getJwks({})).keys[0]!.kid;
    await t.restart({ SHOP_ADMIN_PASSWORD: "a different password" });
    assert.equal((await t.auth.getJwks({})).keys[0]!.kid, kid);
    await t.account.getMe({}, adminAuth); // a token from before the restart still verifies
    assert.ok(t.svc.logs.some((l) => l.msg === "first admin ensured" && l.outcome === "unchanged"));
    await t.auth.login({ login: admin.username, password: admin.password });
    await rejectsWith(t.auth.login({ login: admin.username, password: "a different password" }), Code.Unauthenticated, "INVALID_CREDENTIALS");
  });

  void it("refuses admin calls to a customer", async () => {
    const u = await registerUser(t, "plain");
    await rejectsWith(t.admin.listUsers({}, bearer(u.tokens.accessToken)), Code.PermissionDenied, "ADMIN_REQUIRED");
    await rejectsWith(
      t.admin.setUserRoles({ userId: u.user.id, roles: [userv1.Role.ADMIN] }, bearer(u.tokens.accessToken)),
      Code.PermissionDenied,
      "ADMIN_REQUIRED",
    );
    await rejectsWith(t.admin.listUsers({}), Code.Unauthenticated, "TOKEN_MISSING");
  });

  void it("pages through every user by id, without gaps or repeats", async () => {
    for (let i = 0; i < 5; i++) await registerUser(t, "page");
    const seen: string[] = [];
    let pageToken = "";
    let pages = 0;
    do {
      const page = await t.admin.listUsers({ pageSize: 2, pageToken }, adminAuth);
      assert.ok(page.users.length <= 2);
      seen.push(...page.users.map((u) => u.id));
      pageToken = page.nextPageToken;
      pages++;
    } while (pageToken);
    const all = (await t.admin.listUsers({ pageSize: 100 }, adminAuth)).users.map((u) => u.id);
    assert.deepEqual(seen, all);
    assert.deepEqual([...all].sort(), all, "ordered by id");
    assert.equal(new Set(seen).size, seen.length);
    assert.equal(pages, Math.ceil(all.length / 2));
  });

  void it("filters by a case-insensitive prefix of username or email, LIKE wildcards taken literally", async () => {
    const tag = `pfx${process.pid}`;
    const a = await t.auth.register({ username: `${tag}_one`, email: `one.${tag}@example.com`, password: "long enough" });
    const b = await t.auth.register({ username: `${tag}xtwo`, email: `two.${tag}@example.com`, password: "long enough" });
    const names = async (query: string) => (await t.admin.listUsers({ query }, adminAuth)).users.map((u) => u.username).sort();
    assert.deepEqual(await names(tag.toUpperCase()), [a.user!.username, b.user!.username].sort());
    assert.deepEqual(await names(`${tag}_`), [a.user!.username]);
    assert.deepEqual(await names(`TWO.${tag}`), [b.user!.username]);
    assert.deepEqual(await names("%"), []);
  });

  void it("refuses a page token it did not issue", async () => {
    await rejectsWith(t.admin.listUsers({ pageToken: "bm90LWEtdXVpZA" }, adminAuth), Code.InvalidArgument, "INVALID_PAGE_TOKEN");
    await rejectsWith(t.admin.listUsers({ pageSize: 101 }, adminAuth), Code.InvalidArgument, "INVALID_INPUT");
  });

  void it("replaces a user's roles and ends their sessions; the next sign-in carries the new roles", async () => {
    const u = await registerUser(t, "promo");
    const updated = await t.admin.setUserRoles({ userId: u.user.id, roles: [userv1.Role.ADMIN, userv1.Role.CUSTOMER] }, adminAuth);
    assert.deepEqual(updated.roles, [userv1.Role.CUSTOMER, userv1.Role.ADMIN]);
    await rejectsWith(t.auth.refresh({ refreshToken: u.tokens.refreshToken }), Code.Unauthenticated, "REFRESH_TOKEN_INVALID");
    const pair = await t.auth.login({ login: u.username, password: u.password });
    assert.deepEqual(decodeJwt(pair.accessToken).roles, ["customer", "admin"]);
    await t.admin.listUsers({}, bearer(pair.accessToken));
    const demoted = await t.admin.setUserRoles({ userId: u.user.id, roles: [userv1.Role.CUSTOMER] }, adminAuth);
    assert.deepEqual(demoted.roles, [userv1.Role.CUSTOMER]);
    const after = await t.auth.login({ login: u.username, password: u.password });
    assert.deepEqual(decodeJwt(after.accessToken).roles, ["customer"]);
  });

  void it("a demoted admin's access token stops working at the user service at once, and their sessions end", async () => {
    const u = await registerUser(t, "demo");
    await t.admin.setUserRoles({ userId: u.user.id, roles: [userv1.Role.ADMIN, userv1.Role.CUSTOMER] }, adminAuth);
    const asAdmin = await t.auth.login({ login: u.username, password: u.password });
    await t.admin.listUsers({}, bearer(asAdmin.accessToken));
    await t.admin.setUserRoles({ userId: u.user.id, roles: [userv1.Role.CUSTOMER] }, adminAuth);
    await rejectsWith(t.admin.listUsers({}, bearer(asAdmin.accessToken)), Code.Unauthenticated, "TOKEN_INVALID");
    await rejectsWith(
      t.admin.setUserRoles({ userId: u.user.id, roles: [userv1.Role.ADMIN] }, bearer(asAdmin.accessToken)),
      Code.Unauthenticated,
      "TOKEN_INVALID",
    );
    await rejectsWith(t.account.getMe({}, bearer(asAdmin.accessToken)), Code.Unauthenticated, "TOKEN_INVALID");
    await rejectsWith(t.auth.refresh({ refreshToken: asAdmin.refreshToken }), Code.Unauthenticated, "REFRESH_TOKEN_INVALID");
    const fresh = await t.auth.login({ login: u.username, password: u.password });
    await rejectsWith(t.admin.listUsers({}, bearer(fresh.accessToken)), Code.PermissionDenied, "ADMIN_REQUIRED");
    await t.account.getMe({}, bearer(fresh.accessToken));
  });

  void it("does not let an admin remove their own admin role", async () => {
    await rejectsWith(t.admin.setUserRoles({ userId: adminId, roles: [userv1.Role.CUSTOMER] }, adminAuth), Code.FailedPrecondition, "CANNOT_REMOVE_OWN_ADMIN");
    assert.deepEqual((await t.account.getMe({}, adminAuth)).roles, [userv1.Role.CUSTOMER, userv1.Role.ADMIN]);
  });

  void it("answers not found for an unknown user and refuses empty or unspecified roles", async () => {
    await rejectsWith(
      t.admin.setUserRoles({ userId: "01900000-0000-7000-8000-000000000000", roles: [userv1.Role.CUSTOMER] }, adminAuth),
      Code.NotFound,
      "USER_NOT_FOUND",
    );
    await rejectsWith(t.admin.setUserRoles({ userId: adminId, roles: [] }, adminAuth), Code.InvalidArgument, "INVALID_INPUT");
    await rejectsWith(t.admin.setUserRoles({ userId: adminId, roles: [userv1.Role.UNSPECIFIED] }, adminAuth), Code.InvalidArgument, "INVALID_INPUT");
  });
});
