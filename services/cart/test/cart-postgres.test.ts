// The cart service in the embedded profile's shape: carts in PostgreSQL.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Code } from "@connectrpc/connect";
import { cartv1 } from "@shop/contracts";
import { guestCases } from "./cases-guest.ts";
import { lineCases } from "./cases-lines.ts";
import { makeSku, rejectsWith, startCart, type CartTest } from "./helpers.ts";

void describe("cart service, carts in PostgreSQL", () => {
  let t: CartTest;
  before(async () => {
    t = await startCart();
  });
  after(() => t?.close());
  lineCases(() => t);
  guestCases(() => t);

  // Last: it stops the upstream services.
  void test("without the inventory service lines carry no stock figures; without the product service the cart is UNAVAILABLE", async () => {
    const sku = await makeSku(t, { stock: 1 });
    await t.cart.addItem({ skuId: sku.id, quantity: 1 }, t.alice.as);
    await t.upstream.inventory.stop();
    const cart = await t.cart.getCart({}, t.alice.as);
    const line = cart.lines.find((l) => l.skuId === sku.id)!;
    assert.deepEqual([line.available, line.problem], [undefined, cartv1.LineProblem.UNSPECIFIED]);
    assert.equal(cart.totals[0]?.quantity, 1);
    await t.upstream.product.stop();
    await rejectsWith(t.cart.getCart({}, t.alice.as), Code.Unavailable, "PRODUCT_SERVICE_UNAVAILABLE");
    assert.deepEqual(
      (await t.internal.getSelectedLines({ userId: t.alice.id })).lines.map((l) => l.skuId),
      [sku.id],
      "the order service's read needs neither",
    );
  });
});
