// Guest carts (the token is the only key), merging one at sign-in, and the order.status_changed
// consumer. Run in both profiles by cart-*.test.ts.
import assert from "node:assert/strict";
import { create } from "@bufbuild/protobuf";
import { test } from "node:test";
import { Code } from "@connectrpc/connect";
import { events, orderv1 } from "@shop/contracts";
import { enqueue } from "@shop/kit/bus/outbox";
import { waitFor } from "@shop/testkit/wait";
import { makeSku, rejectsWith, type CartTest } from "./helpers.ts";

export function guestCases(ctx: () => CartTest) {
  void test("a guest cart: a fresh random token, lines under it, unknown tokens refused", async () => {
    const t = ctx();
    const sku = await makeSku(t);
    const created = await t.guest.createGuestCart({});
    assert.match(created.cartToken, /^[A-Za-z0-9_-]{32}$/);
    assert.notEqual((await t.guest.createGuestCart({})).cartToken, created.cartToken);
    const cartToken = created.cartToken;
    await t.guest.addGuestItem({ cartToken, skuId: sku.id, quantity: 2 });
    const cart = await t.guest.updateGuestItem({ cartToken, skuId: sku.id, quantity: 3 });
    assert.deepEqual(
      cart.lines.map((l) => [l.skuId, l.quantity]),
      [[sku.id, 3]],
    );
    assert.equal((await t.guest.getGuestCart({ cartToken })).cartToken, cartToken);
    const unknown = "x".repeat(32);
    await rejectsWith(t.guest.getGuestCart({ cartToken: unknown }), Code.NotFound, "CART_NOT_FOUND");
    await rejectsWith(t.guest.addGuestItem({ cartToken: unknown, skuId: sku.id, quantity: 1 }), Code.NotFound, "CART_NOT_FOUND");
    await rejectsWith(t.guest.getGuestCart({ cartToken: "short" }), Code.InvalidArgument);
    assert.deepEqual((await t.guest.removeGuestItem({ cartToken, skuId: sku.id })).lines, []);
  });

  void test("merging at sign-in: sums within the limits, reports the adjusted SKUs, deletes the guest cart; again is a no-op", async () => {
    const t = ctx();
    await t.cart.clearCart({}, t.bob.as);
    const both = await makeSku(t, { stock: 500, priceMinor: 300 });
    const scarce = await makeSku(t, { stock: 4 });
    const onlyGuest = await makeSku(t);
    await t.cart.addItem({ skuId: both.id, quantity: 60 }, t.bob.as);
    await t.cart.addItem({ skuId: scarce.id, quantity: 3 }, t.bob.as);
    const { cartToken } = await t.guest.createGuestCart({});
    await t.guest.addGuestItem({ cartToken, skuId: both.id, quantity: 50 });
    await t.guest.addGuestItem({ cartToken, skuId: scarce.id, quantity: 2 });
    await t.guest.addGuestItem({ cartToken, skuId: onlyGuest.id, quantity: 2 });
    const merged = await t.cart.mergeGuestCart({ cartToken }, t.bob.as);
    const qty = (id: string) => merged.cart!.lines.find((l) => l.skuId === id)?.quantity;
    assert.deepEqual([qty(both.id), qty(scarce.id), qty(onlyGuest.id)], [99, 4, 2]);
    assert.deepEqual([...merged.adjustedSkuIds].sort(), [both.id, scarce.id].sort());
    assert.equal(merged.cart!.cartToken, "");
    await rejectsWith(t.guest.getGuestCart({ cartToken }), Code.NotFound, "CART_NOT_FOUND");
    const again = await t.cart.mergeGuestCart({ cartToken }, t.bob.as);
    assert.deepEqual(again.adjustedSkuIds, []);
    assert.equal(again.cart!.lines.length, 3);
    assert.deepEqual((await t.cart.getCart({}, t.alice.as)).lines, [], "another shopper's cart is untouched");
    await t.cart.clearCart({}, t.bob.as);
  });

  void test("an order awaiting payment takes its SKUs out of the shopper's cart (once, other lines kept)", async () => {
    const t = ctx();
    await t.cart.clearCart({}, t.alice.as);
    const [ordered, kept] = [await makeSku(t), await makeSku(t)];
    await t.cart.addItem({ skuId: ordered.id, quantity: 2 }, t.alice.as);
    await t.cart.addItem({ skuId: kept.id, quantity: 1 }, t.alice.as);
    const event = (to: orderv1.OrderStatus, sku = ordered, flashSaleId = "") =>
      create(events.orderStatusChanged.schema, {
        orderId: crypto.randomUUID(),
        userId: t.alice.id,
        from: orderv1.OrderStatus.UNSPECIFIED,
        to,
        items: [{ skuId: sku.id, productId: sku.productId, quantity: 2 }],
        flashSaleId,
      });
    // Another status first, and a flash-sale order of the kept SKU (never from the cart): the cart
    // stays as it is (checked once the later event was handled).
    await enqueue(t.cartDb, events.orderStatusChanged, event(orderv1.OrderStatus.CANCELLED));
    await enqueue(t.cartDb, events.orderStatusChanged, event(orderv1.OrderStatus.AWAITING_PAYMENT, kept, crypto.randomUUID()));
    await enqueue(t.cartDb, events.orderStatusChanged, event(orderv1.OrderStatus.AWAITING_PAYMENT));
    const cart = await waitFor("the ordered line to leave the cart", async () => {
      const c = await t.cart.getCart({}, t.alice.as);
      return c.lines.every((l) => l.skuId !== ordered.id) ? c : undefined;
    });
    assert.deepEqual(
      cart.lines.map((l) => l.skuId),
      [kept.id],
    );
    await t.cart.clearCart({}, t.alice.as);
  });
}
