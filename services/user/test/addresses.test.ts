// Addresses: one default whenever there are any, a bounded list, and other users' addresses
// indistinguishable from missing ones.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Code } from "@connectrpc/connect";
import type { userv1 } from "@shop/contracts";
import { bearer, registerUser, rejectsWith, startUserService, type TestService } from "./helpers.ts";

const home = { recipientName: "Ada", phone: "+44 20 7946 0000", countryCode: "GB", city: "London", line1: "1 Main St" };

void describe("user service: addresses", () => {
  let t: TestService;
  before(async () => {
    t = await startUserService();
  });
  after(async () => t?.close());

  async function signedIn(base: string) {
    const u = await registerUser(t, base);
    return { ...u, auth: bearer(u.tokens.accessToken) };
  }
  const defaults = (list: userv1.Address[]) => list.filter((a) => a.isDefault).map((a) => a.id);

  void it("makes the first address the default whatever the request says; later ones only when asked", async () => {
    const u = await signedIn("addrFirst");
    const first = await t.address.createAddress({ ...home, isDefault: false }, u.auth);
    assert.equal(first.isDefault, true);
    const second = await t.address.createAddress({ ...home, line1: "2 Side St" }, u.auth);
    assert.equal(second.isDefault, false);
    const third = await t.address.createAddress({ ...home, line1: "3 Other St", isDefault: true }, u.auth);
    assert.equal(third.isDefault, true);
    const { addresses } = await t.address.listAddresses({}, u.auth);
    assert.equal(addresses.length, 3);
    assert.deepEqual(defaults(addresses), [third.id]);
    assert.equal(addresses[0]!.id, third.id, "the default is listed first");
  });

  void it("moves the default with SetDefaultAddress", async () => {
    const u = await signedIn("addrMove");
    const a = await t.address.createAddress(home, u.auth);
    const b = await t.address.createAddress({ ...home, line1: "B" }, u.auth);
    const moved = await t.address.setDefaultAddress({ addressId: b.id }, u.auth);
    assert.equal(moved.isDefault, true);
    assert.deepEqual(defaults((await t.address.listAddresses({}, u.auth)).addresses), [b.id]);
    assert.equal((await t.address.getAddress({ addressId: a.id }, u.auth)).isDefault, false);
    await t.address.setDefaultAddress({ addressId: b.id }, u.auth); // idempotent
    assert.deepEqual(defaults((await t.address.listAddresses({}, u.auth)).addresses), [b.id]);
  });

  void it("promotes the most recently updated address when the default is deleted", async () => {
    const u = await signedIn("addrDel");
    const a = await t.address.createAddress(home, u.auth);
    const b = await t.address.createAddress({ ...home, line1: "B" }, u.auth);
    const c = await t.address.createAddress({ ...home, line1: "C" }, u.auth);
    await t.address.updateAddress({ addressId: b.id, line2: "flat 2" }, u.auth); // b is now the latest touched
    await t.address.deleteAddress({ addressId: a.id }, u.auth);
    let list = (await t.address.listAddresses({}, u.auth)).addresses;
    assert.deepEqual(defaults(list), [b.id]);
    await t.address.deleteAddress({ addressId: b.id }, u.auth);
    list = (await t.address.listAddresses({}, u.auth)).addresses;
    assert.deepEqual(defaults(list), [c.id]);
    await t.address.deleteAddress({ addressId: c.id }, u.auth);
    assert.deepEqual((await t.address.listAddresses({}, u.auth)).addresses, []);
    await rejectsWith(t.address.deleteAddress({ addressId: c.id }, u.auth), Code.NotFound, "ADDRESS_NOT_FOUND");
  });

  void it("updates only the fields given", async () => {
    const u = await signedIn("addrUpd");
    const a = await t.address.createAddress({ ...home, postalCode: "N1 1AA" }, u.auth);
    const updated = await t.address.updateAddress({ addressId: a.id, city: "Leeds" }, u.auth);
    assert.deepEqual([updated.city, updated.line1, updated.postalCode, updated.isDefault], ["Leeds", home.line1, "N1 1AA", true]);
  });

  void it("answers not found for another user's address, for every call, and changes nothing", async () => {
    const owner = await signedIn("addrOwner");
    const other = await signedIn("addrOther");
    const a = await t.address.createAddress(home, owner.auth);
    await t.address.createAddress({ ...home, line1: "mine" }, other.auth);
    await rejectsWith(t.address.getAddress({ addressId: a.id }, other.auth), Code.NotFound, "ADDRESS_NOT_FOUND");
    await rejectsWith(t.address.updateAddress({ addressId: a.id, city: "Hacked" }, other.auth), Code.NotFound, "ADDRESS_NOT_FOUND");
    await rejectsWith(t.address.setDefaultAddress({ addressId: a.id }, other.auth), Code.NotFound, "ADDRESS_NOT_FOUND");
    await rejectsWith(t.address.deleteAddress({ addressId: a.id }, other.auth), Code.NotFound, "ADDRESS_NOT_FOUND");
    const unknown = "01900000-0000-7000-8000-000000000000";
    await rejectsWith(t.address.getAddress({ addressId: unknown }, owner.auth), Code.NotFound, "ADDRESS_NOT_FOUND");
    const still = await t.address.getAddress({ addressId: a.id }, owner.auth);
    assert.deepEqual([still.city, still.isDefault], [home.city, true]);
    assert.equal((await t.address.listAddresses({}, other.auth)).addresses.length, 1);
  });

  void it("keeps exactly one default under concurrent SetDefault calls", async () => {
    const u = await signedIn("addrRace");
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await t.address.createAddress({ ...home, line1: `No ${i}` }, u.auth)).id);
    await Promise.all(ids.map((addressId) => t.address.setDefaultAddress({ addressId }, u.auth)));
    assert.equal(defaults((await t.address.listAddresses({}, u.auth)).addresses).length, 1);
    const { rows } = await t.sql("select count(*)::int as n from addresses where user_id = $1 and is_default", [u.user.id]);
    assert.deepEqual(rows, [{ n: 1 }]);
  });

  void it("allows at most 20 addresses", async () => {
    const u = await signedIn("addrMax");
    for (let i = 0; i < 20; i++) await t.address.createAddress({ ...home, line1: `No ${i}` }, u.auth);
    await rejectsWith(t.address.createAddress(home, u.auth), Code.FailedPrecondition, "ADDRESS_LIMIT_REACHED");
    assert.equal((await t.address.listAddresses({}, u.auth)).addresses.length, 20);
  });

  void it("refuses bad input and calls without a token", async () => {
    const u = await signedIn("addrBad");
    await rejectsWith(t.address.createAddress({ ...home, countryCode: "gb" }, u.auth), Code.InvalidArgument, "INVALID_INPUT");
    await rejectsWith(t.address.getAddress({ addressId: "not-a-uuid" }, u.auth), Code.InvalidArgument, "INVALID_INPUT");
    await rejectsWith(t.address.listAddresses({}), Code.Unauthenticated, "TOKEN_MISSING");
    await rejectsWith(t.address.createAddress({ ...home, line1: "1 Main\u0000St" }, u.auth), Code.InvalidArgument, "INVALID_INPUT");
    assert.equal((await t.address.listAddresses({}, u.auth)).addresses.length, 0);
  });
});
