// AddressInternalService: other services read a user's address by user id; only callers inside
// the system may, and another user's address is as missing as an unknown one.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { Code, createClient, type Client } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { userv1 } from "@shop/contracts";
import { v7 } from "uuid";
import { bearer, registerUser, rejectsWith, startUserService, type TestService } from "./helpers.ts";

const home = { recipientName: "Ada", phone: "+44 20 7946 0000", countryCode: "GB", city: "London", line1: "1 Main St" };
const token = randomBytes(24).toString("hex");
const internal = { headers: { "x-shop-internal-token": token } };

void describe("user service: internal address lookup", () => {
  let t: TestService;
  let client: Client<typeof userv1.AddressInternalService>;
  before(async () => {
    t = await startUserService({ SHOP_INTERNAL_TOKEN: token });
    client = createClient(userv1.AddressInternalService, createConnectTransport({ baseUrl: t.baseUrl, httpVersion: "1.1" }));
  });
  after(async () => t?.close());

  async function withAddress(base: string) {
    const u = await registerUser(t, base);
    const address = await t.address.createAddress(home, bearer(u.tokens.accessToken));
    return { ...u, address };
  }

  void it("gives an internal caller the user's address, as the owner sees it", async () => {
    const u = await withAddress("intOwn");
    const got = await client.getUserAddress({ userId: u.user.id, addressId: u.address.id }, internal);
    assert.deepEqual(got, u.address);
  });

  void it("answers NOT_FOUND for another user's address, as for a missing one", async () => {
    const a = await withAddress("intA");
    const b = await withAddress("intB");
    const foreign = await rejectsWith(client.getUserAddress({ userId: b.user.id, addressId: a.address.id }, internal), Code.NotFound, "ADDRESS_NOT_FOUND");
    const missing = await rejectsWith(client.getUserAddress({ userId: b.user.id, addressId: v7() }, internal), Code.NotFound, "ADDRESS_NOT_FOUND");
    const owner = await rejectsWith(t.address.getAddress({ addressId: a.address.id }, bearer(b.tokens.accessToken)), Code.NotFound, "ADDRESS_NOT_FOUND");
    assert.equal(foreign.rawMessage, missing.rawMessage);
    assert.equal(foreign.rawMessage, owner.rawMessage, "the same error as AddressService.GetAddress");
  });

  void it("refuses a caller outside the system, even the address's owner", async () => {
    const u = await withAddress("intOut");
    const req = { userId: u.user.id, addressId: u.address.id };
    await rejectsWith(client.getUserAddress(req), Code.PermissionDenied, "INTERNAL_ONLY");
    await rejectsWith(client.getUserAddress(req, bearer(u.tokens.accessToken)), Code.PermissionDenied, "INTERNAL_ONLY");
    await rejectsWith(client.getUserAddress(req, { headers: { "x-shop-internal-token": "not the token" } }), Code.PermissionDenied, "INTERNAL_ONLY");
  });
});
