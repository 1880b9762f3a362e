// UserInternalService: other services (notification, to mail a shopper) read a user's contact by
// user id; only callers inside the system may.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { Code, createClient, type Client } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { userv1 } from "@shop/contracts";
import { v7 } from "uuid";
import { bearer, registerUser, rejectsWith, startUserService, type TestService } from "./helpers.ts";

const token = randomBytes(24).toString("hex");
const internal = { headers: { "x-shop-internal-token": token } };

void describe("user service: internal contact lookup", () => {
  let t: TestService;
  let client: Client<typeof userv1.UserInternalService>;
  before(async () => {
    t = await startUserService({ SHOP_INTERNAL_TOKEN: token });
    client = createClient(userv1.UserInternalService, createConnectTransport({ baseUrl: t.baseUrl, httpVersion: "1.1" }));
  });
  after(async () => t?.close());

  void it("gives an internal caller the user's email and name; an unknown user is NOT_FOUND", async () => {
    const u = await registerUser(t, "contact");
    const got = await client.getUserContact({ userId: u.user.id }, internal);
    assert.deepEqual([got.userId, got.email, got.displayName], [u.user.id, u.user.email, u.user.displayName]);
    await rejectsWith(client.getUserContact({ userId: v7() }, internal), Code.NotFound);
    await rejectsWith(client.getUserContact({ userId: "nope" }, internal), Code.InvalidArgument);
  });

  void it("refuses a caller outside the system, even the user", async () => {
    const u = await registerUser(t, "contactOut");
    await rejectsWith(client.getUserContact({ userId: u.user.id }), Code.PermissionDenied, "INTERNAL_ONLY");
    await rejectsWith(client.getUserContact({ userId: u.user.id }, bearer(u.tokens.accessToken)), Code.PermissionDenied, "INTERNAL_ONLY");
  });
});
