// The shopper's cart through the real service: the limits and their errors, what a read shows
// (price changes, off-sale products, stock problems, totals), editing lines, and that each shopper
// reaches only their own cart. Run in both profiles by cart-*.test.ts.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { Code } from "@connectrpc/connect";
import { cartv1 } from "@shop/contracts";
import { errorDetailOf } from "@shop/kit/errors";
import { makeSku, rejectsWith, type CartTest } from "./helpers.ts";

export function lineCases(ctx: () => CartTest) {
  void test("adding puts a selected line with the SKU's facts; adding again sums the quantity", async () => {
    const t = ctx();
    const sku = await makeSku(t, { priceMinor: 1250, specs: [{ key: "size", value: "M" }] });
    await t.cart.clearCart({}, t.alice.as);
    await t.cart.addItem({ skuId: sku.id, quantity: 2 }, t.alice.as);
    const cart = await t.cart.addItem({ skuId: sku.id, quantity: 3 }, t.alice.as);
    assert.equal(cart.lines.length, 1);
    const line = cart.lines[0]!;
    assert.equal(line.skuId, sku.id);
    assert.equal(line.productId, sku.productId);
    assert.match(line.title, /^Thing /);
    assert.equal(line.image, "/img/thing.jpg");
    assert.deepEqual(
      line.specs.map((s) => [s.key, s.value]),
      [["size", "M"]],
    );
    assert.equal(line.quantity, 5);
    assert.equal(line.selected, true);
    assert.equal(line.unitPriceMinor, 1250n);
    assert.equal(line.addedPriceMinor, 1250n);
    assert.equal(line.priceChanged, false);
    assert.equal(line.available, 50);
    assert.equal(line.problem, cartv1.LineProblem.UNSPECIFIED);
    assert.equal(cart.cartToken, "");
  });

  void test("the limits: 99 a line (QUANTITY_LIMIT), what is available (INSUFFICIENT_STOCK naming it), known SKUs on sale", async () => {
    const t = ctx();
    const plenty = await makeSku(t, { stock: 500 });
    const few = await makeSku(t, { stock: 3 });
    const draft = await makeSku(t, { publish: false });
    await t.cart.addItem({ skuId: plenty.id, quantity: 90 }, t.alice.as);
    const over = await rejectsWith(t.cart.addItem({ skuId: plenty.id, quantity: 10 }, t.alice.as), Code.InvalidArgument, "QUANTITY_LIMIT");
    assert.equal(errorDetailOf(over)?.metadata.in_cart, "90");
    await rejectsWith(t.cart.addItem({ skuId: plenty.id, quantity: 100 }, t.alice.as), Code.InvalidArgument); // the proto's 1..99
    await rejectsWith(t.cart.addItem({ skuId: plenty.id, quantity: 0 }, t.alice.as), Code.InvalidArgument);
    await t.cart.addItem({ skuId: few.id, quantity: 2 }, t.alice.as);
    const short = await rejectsWith(t.cart.addItem({ skuId: few.id, quantity: 2 }, t.alice.as), Code.FailedPrecondition, "INSUFFICIENT_STOCK");
    assert.equal(errorDetailOf(short)?.metadata.available, "3");
    assert.match(short.rawMessage, /only 3 available/);
    await rejectsWith(t.cart.updateItem({ skuId: few.id, quantity: 4 }, t.alice.as), Code.FailedPrecondition, "INSUFFICIENT_STOCK");
    await rejectsWith(t.cart.addItem({ skuId: randomUUID(), quantity: 1 }, t.alice.as), Code.NotFound, "SKU_NOT_FOUND");
    await rejectsWith(t.cart.addItem({ skuId: draft.id, quantity: 1 }, t.alice.as), Code.FailedPrecondition, "PRODUCT_NOT_ON_SALE");
    const cart = await t.cart.getCart({}, t.alice.as);
    assert.equal(cart.lines.find((l) => l.skuId === plenty.id)?.quantity, 90);
    assert.equal(cart.lines.find((l) => l.skuId === few.id)?.quantity, 2);
    await t.cart.clearCart({}, t.alice.as);
  });

  void test("a cart holds at most 100 lines (CART_FULL)", async () => {
    const t = ctx();
    await t.cart.clearCart({}, t.bob.as);
    const skus = [];
    for (let i = 0; i < 101; i++) skus.push(await makeSku(t, { stock: 5 }));
    for (const sku of skus.slice(0, 100)) await t.cart.addItem({ skuId: sku.id, quantity: 1 }, t.bob.as);
    await rejectsWith(t.cart.addItem({ skuId: skus[100]!.id, quantity: 1 }, t.bob.as), Code.FailedPrecondition, "CART_FULL");
    const cart = await t.cart.addItem({ skuId: skus[0]!.id, quantity: 1 }, t.bob.as);
    assert.equal(cart.lines.length, 100);
    assert.equal(cart.lines[0]!.quantity, 2, "more of a SKU in the cart still fits");
    await t.cart.clearCart({}, t.bob.as);
  });

  void test("a price change since adding is flagged; an off-sale product's line is UNAVAILABLE and left out of the totals", async () => {
    const t = ctx();
    await t.cart.clearCart({}, t.alice.as);
    const repriced = await makeSku(t, { priceMinor: 1000 });
    const withdrawn = await makeSku(t, { priceMinor: 700 });
    await t.cart.addItem({ skuId: repriced.id, quantity: 2 }, t.alice.as);
    await t.cart.addItem({ skuId: withdrawn.id, quantity: 1 }, t.alice.as);
    assert.deepEqual(
      (await t.cart.getCart({}, t.alice.as)).totals.map((x) => [x.currency, x.quantity, x.subtotalMinor]),
      [["CNY", 3, 2700n]],
    );
    await t.products.updateSku({ skuId: repriced.id, priceMinor: 900n }, t.asAdmin);
    await t.products.unpublishProduct({ productId: withdrawn.productId }, t.asAdmin);
    const cart = await t.cart.getCart({}, t.alice.as);
    const [a, b] = [cart.lines.find((l) => l.skuId === repriced.id)!, cart.lines.find((l) => l.skuId === withdrawn.id)!];
    assert.deepEqual([a.unitPriceMinor, a.addedPriceMinor, a.priceChanged, a.problem], [900n, 1000n, true, cartv1.LineProblem.UNSPECIFIED]);
    assert.equal(b.problem, cartv1.LineProblem.UNAVAILABLE);
    assert.deepEqual(
      cart.totals.map((x) => [x.currency, x.quantity, x.subtotalMinor]),
      [["CNY", 2, 1800n]],
    );
    await t.cart.clearCart({}, t.alice.as);
  });

  void test("stock problems are flagged per line; totals count selected, problem-free lines per currency", async () => {
    const t = ctx();
    await t.cart.clearCart({}, t.alice.as);
    const shrinking = await makeSku(t, { stock: 5, priceMinor: 100 });
    const vanishing = await makeSku(t, { stock: 5, priceMinor: 100 });
    const dollars = await makeSku(t, { stock: 5, priceMinor: 250, currency: "USD" });
    const unselected = await makeSku(t, { stock: 5, priceMinor: 10_000 });
    await t.cart.addItem({ skuId: shrinking.id, quantity: 4 }, t.alice.as);
    await t.cart.addItem({ skuId: vanishing.id, quantity: 1 }, t.alice.as);
    await t.cart.addItem({ skuId: dollars.id, quantity: 2 }, t.alice.as);
    await t.cart.addItem({ skuId: unselected.id, quantity: 1 }, t.alice.as);
    await t.cart.updateItem({ skuId: unselected.id, selected: false }, t.alice.as);
    await t.inventory.setStock({ skuId: shrinking.id, onHand: 2, reason: "test" }, t.asAdmin);
    await t.inventory.setStock({ skuId: vanishing.id, onHand: 0, reason: "test" }, t.asAdmin);
    const cart = await t.cart.getCart({}, t.alice.as);
    const problem = (id: string) => cart.lines.find((l) => l.skuId === id)!;
    assert.deepEqual([problem(shrinking.id).problem, problem(shrinking.id).available], [cartv1.LineProblem.INSUFFICIENT_STOCK, 2]);
    assert.deepEqual([problem(vanishing.id).problem, problem(vanishing.id).available], [cartv1.LineProblem.OUT_OF_STOCK, 0]);
    assert.deepEqual(
      cart.totals.map((x) => [x.currency, x.quantity, x.subtotalMinor]),
      [["USD", 2, 500n]],
    );
    // Lowering a quantity mends a shortage, even though it is still above nothing else.
    const mended = await t.cart.updateItem({ skuId: shrinking.id, quantity: 2 }, t.alice.as);
    assert.equal(mended.lines.find((l) => l.skuId === shrinking.id)?.problem, cartv1.LineProblem.UNSPECIFIED);
    await t.cart.clearCart({}, t.alice.as);
  });

  void test("update, select many or all, remove, clear; lines stay oldest first", async () => {
    const t = ctx();
    await t.cart.clearCart({}, t.alice.as);
    const [a, b, c] = [await makeSku(t), await makeSku(t), await makeSku(t)];
    for (const sku of [a, b, c]) await t.cart.addItem({ skuId: sku.id, quantity: 1 }, t.alice.as);
    const ids = (cart: cartv1.Cart) => cart.lines.map((l) => l.skuId);
    const selected = (cart: cartv1.Cart) => cart.lines.filter((l) => l.selected).map((l) => l.skuId);
    assert.deepEqual(ids(await t.cart.getCart({}, t.alice.as)), [a.id, b.id, c.id]);
    assert.deepEqual(selected(await t.cart.selectItems({ skuIds: [], selected: false }, t.alice.as)), []);
    assert.deepEqual(selected(await t.cart.selectItems({ skuIds: [a.id, c.id], selected: true }, t.alice.as)), [a.id, c.id]);
    assert.equal((await t.cart.updateItem({ skuId: b.id, quantity: 7, selected: true }, t.alice.as)).lines[1]?.quantity, 7);
    await rejectsWith(t.cart.updateItem({ skuId: randomUUID(), quantity: 1 }, t.alice.as), Code.NotFound, "LINE_NOT_FOUND");
    assert.deepEqual(
      (await t.internal.getSelectedLines({ userId: t.alice.id })).lines.map((l) => [l.skuId, l.quantity]),
      [
        [a.id, 1],
        [b.id, 7],
        [c.id, 1],
      ],
    );
    assert.deepEqual(ids(await t.cart.removeItem({ skuId: b.id }, t.alice.as)), [a.id, c.id]);
    assert.deepEqual((await t.cart.clearCart({}, t.alice.as)).lines, []);
  });

  void test("each shopper sees only their own cart; the cart needs a signed-in shopper", async () => {
    const t = ctx();
    const sku = await makeSku(t);
    await t.cart.clearCart({}, t.alice.as);
    await t.cart.clearCart({}, t.bob.as);
    await t.cart.addItem({ skuId: sku.id, quantity: 1 }, t.alice.as);
    assert.deepEqual((await t.cart.getCart({}, t.bob.as)).lines, []);
    await t.cart.clearCart({}, t.bob.as);
    assert.equal((await t.cart.getCart({}, t.alice.as)).lines.length, 1, "bob's clear is bob's");
    await rejectsWith(t.cart.getCart({}), Code.Unauthenticated);
    await t.cart.clearCart({}, t.alice.as);
  });
}
