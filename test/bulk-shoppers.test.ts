// The benchmarks' and flash-sale tests' shortcut to thousands of signed-in shoppers
// (bench/shoppers.ts), against every real service: the minted tokens are accepted as any, the
// addresses written beside the users are the shoppers' own, and such a shopper checks out as one
// who signed up through the API.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { databaseUrl } from "@shop/kit/db";
import { postgresUrl } from "@shop/testkit/servers";
import { bulkShoppers } from "../bench/shoppers.ts";
import { createSku, placeOrder, startShop, type Shop } from "./checkout-shop.ts";

let shop: Shop;

before(async () => {
  shop = await startShop();
});

after(async () => {
  await shop?.stack.stop();
});

void test("300 shoppers made at once: each signed in, with a default address of their own, and able to order", async () => {
  const { stack, call } = shop;
  const shoppers = await bulkShoppers(
    { api: `http://127.0.0.1:${stack.gateway.httpPort}`, dataDir: stack.dataDir, userDbUrl: databaseUrl(postgresUrl, `${stack.dbPrefix}user`) },
    300,
  );
  assert.equal(shoppers.length, 300);
  assert.equal(new Set(shoppers.map((s) => s.id)).size, 300);
  assert.equal(new Set(shoppers.map((s) => s.token)).size, 300);

  for (const who of [shoppers[0]!, shoppers[150]!, shoppers[299]!]) {
    const me = await call("GET", "/api/v1/users/me", { token: who.token });
    assert.equal(me.status, 200, me.text);
    assert.deepEqual([me.json.id, me.json.username], [who.id, who.username]);
    const addresses = await call("GET", "/api/v1/users/me/addresses", { token: who.token });
    assert.equal(addresses.status, 200, addresses.text);
    assert.deepEqual(
      (addresses.json.addresses as { id: string; isDefault: boolean }[]).map((a) => [a.id, a.isDefault]),
      [[who.addressId, true]],
    );
  }
  const other = await call("GET", `/api/v1/users/me/addresses/${shoppers[1]!.addressId}`, { token: shoppers[0]!.token });
  assert.equal(other.status, 404, "another shopper's address is not theirs");

  const { skuId } = await createSku(shop, 5);
  const who = shoppers[7]!;
  assert.equal((await call("POST", "/api/v1/cart/items", { token: who.token, body: { skuId, quantity: 1 } })).status, 200);
  const placed = await placeOrder(call, { id: who.id, access: who.token, addressId: who.addressId });
  assert.equal(placed.status, 200, placed.text);
  assert.equal(placed.json.status, "ORDER_STATUS_AWAITING_PAYMENT");
});
