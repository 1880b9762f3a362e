// Checkout: quotes priced from the catalog, and PlaceOrder's saga (reserve stock, await payment)
// with its idempotency and its compensation, against the real product service and test doubles
// of cart, reservations and addresses.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Code } from "@connectrpc/connect";
import { events, orderv1 } from "@shop/contracts";
import { errorDetailOf } from "@shop/kit/errors";
import { v7 } from "uuid";
import { outboxEvents, rejectsWith, startOrder, type OrderTest } from "./helpers.ts";

void describe("order: checkout", () => {
  let t: OrderTest;
  before(async () => {
    t = await startOrder({ env: { SHOP_ORDER_SHIPPING_FEE_MINOR: "1000", SHOP_ORDER_FREE_SHIPPING_FROM_MINOR: "9900" } });
  });
  after(() => t?.close());

  void describe("quote", () => {
    void it("prices the selected lines from the catalog, with the flat fee below the free-shipping threshold", async () => {
      const [shirt, socks] = [await t.makeSku(2500), await t.makeSku(450)];
      const { userId } = t.shopperWith([
        { skuId: shirt, quantity: 2 },
        { skuId: socks, quantity: 3 },
      ]);
      const q = await t.shopper.quoteOrder({}, await t.as(userId));
      assert.deepEqual(
        q.lines.map((l) => [l.skuId, Number(l.unitPriceMinor), l.quantity, Number(l.subtotalMinor), l.title.startsWith("Thing"), l.specs[0]?.value]),
        [
          [shirt, 2500, 2, 5000, true, "M"],
          [socks, 450, 3, 1350, true, "M"],
        ],
      );
      assert.deepEqual([q.currency, q.subtotalMinor, q.shippingFeeMinor, q.discountMinor, q.totalMinor], ["EUR", 6350n, 1000n, 0n, 7350n]);
    });

    void it("ships free from the threshold on", async () => {
      const { userId } = t.shopperWith([{ skuId: await t.makeSku(3300), quantity: 3 }]);
      const q = await t.shopper.quoteOrder({}, await t.as(userId));
      assert.deepEqual([q.subtotalMinor, q.shippingFeeMinor, q.totalMinor], [9900n, 0n, 9900n]);
    });

    void it("refuses nothing selected, a line off sale or unknown, and mixed currencies", async () => {
      const { userId: empty } = t.shopperWith([]);
      await rejectsWith(t.shopper.quoteOrder({}, await t.as(empty)), Code.FailedPrecondition, "NOTHING_SELECTED");
      const draft = await t.makeSku(1000, { onSale: false });
      const { userId: offSale } = t.shopperWith([{ skuId: draft, quantity: 1 }]);
      const err = await rejectsWith(t.shopper.quoteOrder({}, await t.as(offSale)), Code.FailedPrecondition, "LINE_UNAVAILABLE");
      assert.equal(errorDetailOf(err)?.metadata.skuId, draft);
      const unknown = v7();
      const { userId: gone } = t.shopperWith([{ skuId: unknown, quantity: 1 }]);
      assert.equal(
        errorDetailOf(await rejectsWith(t.shopper.quoteOrder({}, await t.as(gone)), Code.FailedPrecondition, "LINE_UNAVAILABLE"))?.metadata.skuId,
        unknown,
      );
      const { userId: mixed } = t.shopperWith([
        { skuId: await t.makeSku(1000), quantity: 1 },
        { skuId: await t.makeSku(1000, { currency: "USD" }), quantity: 1 },
      ]);
      const mixedErr = await rejectsWith(t.shopper.quoteOrder({}, await t.as(mixed)), Code.FailedPrecondition, "MIXED_CURRENCIES");
      assert.equal(errorDetailOf(mixedErr)?.metadata.currencies, "EUR,USD");
    });
  });

  void describe("place order", () => {
    void it("reserves the stock and awaits payment, with snapshots, a number, the history and the events", async () => {
      const sku = await t.makeSku(1200);
      t.reservations.setStock(sku, 10);
      const { userId, addressId } = t.shopperWith([{ skuId: sku, quantity: 3 }]);
      const placed = await t.shopper.placeOrder({ addressId, note: "ring twice" }, await t.as(userId, `place-${userId}`));
      assert.equal(placed.status, orderv1.OrderStatus.AWAITING_PAYMENT);
      assert.match(placed.number, /^\d{8}-\d{6}$/);
      assert.deepEqual([placed.totalMinor, placed.shippingFeeMinor, placed.currency, placed.note], [4600n, 1000n, "EUR", "ring twice"]);
      assert.deepEqual([placed.lines[0]?.skuId, placed.lines[0]?.quantity, placed.lines[0]?.unitPriceMinor], [sku, 3, 1200n]);
      assert.deepEqual([placed.address?.city, placed.address?.recipientName], ["Lisbon", "Ada Shopper"]);
      assert.ok(placed.paymentDeadline && Number(placed.paymentDeadline.seconds) * 1000 > Date.now() + 800_000);
      assert.deepEqual(
        placed.history.map((h) => [orderv1.OrderStatus[h.from], orderv1.OrderStatus[h.to]]),
        [
          ["UNSPECIFIED", "PENDING"],
          ["PENDING", "AWAITING_PAYMENT"],
        ],
      );
      assert.deepEqual(t.reservations.of(placed.id)?.status, "OPEN");
      assert.deepEqual(t.reservations.level(sku), { onHand: 10, reserved: 3 });
      const outbox = await t.sql<{ id: string; topic: string; type: string; payload: Buffer }>("select id, topic, type, payload from kit_outbox order by seq");
      const changed = outboxEvents(outbox, events.orderStatusChanged).filter((e) => e.orderId === placed.id);
      assert.deepEqual(
        changed.map((e) => [e.to, e.userId, e.items.map((i) => [i.skuId, i.quantity])]),
        [[orderv1.OrderStatus.AWAITING_PAYMENT, userId, [[sku, 3]]]],
      );
      assert.equal(outboxEvents(outbox, events.orderPaymentDue).filter((e) => e.orderId === placed.id).length, 1);
    });

    void it("needs an Idempotency-Key, and returns the same order for the same key without reserving twice", async () => {
      const sku = await t.makeSku(800);
      t.reservations.setStock(sku, 5);
      const { userId, addressId } = t.shopperWith([{ skuId: sku, quantity: 2 }]);
      await rejectsWith(t.shopper.placeOrder({ addressId, note: "" }, await t.as(userId)), Code.InvalidArgument, "IDEMPOTENCY_KEY_REQUIRED");
      const key = `key-${userId}`;
      const first = await t.shopper.placeOrder({ addressId, note: "" }, await t.as(userId, key));
      const reservesBefore = t.reservations.calls.reserve;
      const [again, concurrent] = await Promise.allSettled([
        t.shopper.placeOrder({ addressId, note: "" }, await t.as(userId, key)),
        t.shopper.placeOrder({ addressId, note: "" }, await t.as(userId, key)),
      ]);
      for (const r of [again, concurrent]) if (r.status === "fulfilled") assert.equal(r.value.id, first.id);
      assert.ok(again.status === "fulfilled" || concurrent.status === "fulfilled");
      assert.equal(t.reservations.calls.reserve, reservesBefore, "no new reservation");
      assert.deepEqual(t.reservations.level(sku), { onHand: 5, reserved: 2 });
      const mine = await t.admin.listOrders({ userId }, t.asAdmin);
      assert.deepEqual(
        mine.orders.map((o) => o.id),
        [first.id],
      );
    });

    void it("fails out of stock with a clear error, compensated, and the same error again for the same key", async () => {
      const [plenty, scarce] = [await t.makeSku(500), await t.makeSku(700)];
      t.reservations.setStock(plenty, 50);
      t.reservations.setStock(scarce, 1);
      const { userId, addressId } = t.shopperWith([
        { skuId: plenty, quantity: 2 },
        { skuId: scarce, quantity: 2 },
      ]);
      const options = await t.as(userId, `oos-${userId}`);
      const err = await rejectsWith(t.shopper.placeOrder({ addressId, note: "" }, options), Code.FailedPrecondition, "OUT_OF_STOCK");
      assert.equal(errorDetailOf(err)?.metadata.skuId, scarce);
      const orderId = errorDetailOf(err)!.metadata.orderId!;
      const failed = await t.admin.getOrder({ orderId }, t.asAdmin);
      assert.equal(failed.status, orderv1.OrderStatus.FAILED);
      assert.equal(failed.history.at(-1)?.to, orderv1.OrderStatus.FAILED);
      assert.notEqual(t.reservations.of(orderId)?.status, "OPEN");
      assert.deepEqual([t.reservations.level(plenty).reserved, t.reservations.level(scarce).reserved], [0, 0]);
      await rejectsWith(t.shopper.placeOrder({ addressId, note: "" }, options), Code.FailedPrecondition, "OUT_OF_STOCK");
      // Not an order to the shopper: their list leaves it out unless asked for.
      assert.equal((await t.shopper.listMyOrders({}, await t.as(userId))).orders.length, 0);
      assert.equal((await t.shopper.listMyOrders({ status: orderv1.OrderStatus.FAILED }, await t.as(userId))).orders.length, 1);
    });

    void it("takes only the shopper's own address", async () => {
      const sku = await t.makeSku(500);
      t.reservations.setStock(sku, 5);
      const { userId } = t.shopperWith([{ skuId: sku, quantity: 1 }]);
      const someoneElses = t.addresses.add(v7());
      await rejectsWith(t.shopper.placeOrder({ addressId: someoneElses, note: "" }, await t.as(userId, `addr-${userId}`)), Code.NotFound, "ADDRESS_NOT_FOUND");
      assert.equal(t.reservations.level(sku).reserved, 0);
    });
  });

  void describe("reading orders", () => {
    void it("shows a shopper their own orders only, newest first in pages; another user's order is NOT_FOUND", async () => {
      const sku = await t.makeSku(300);
      t.reservations.setStock(sku, 100);
      const { userId, addressId } = t.shopperWith([{ skuId: sku, quantity: 1 }]);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await t.shopper.placeOrder({ addressId, note: "" }, await t.as(userId, `page-${i}-${userId}`))).id);
      const seen: string[] = [];
      let pageToken = "";
      do {
        const page = await t.shopper.listMyOrders({ pageSize: 2, pageToken }, await t.as(userId));
        assert.ok(page.orders.every((o) => o.history.length === 0));
        seen.push(...page.orders.map((o) => o.id));
        pageToken = page.nextPageToken;
      } while (pageToken);
      assert.deepEqual(seen, ids.reverse());
      const stranger = v7();
      await rejectsWith(t.shopper.getMyOrder({ orderId: ids[0]! }, await t.as(stranger)), Code.NotFound, "ORDER_NOT_FOUND");
      await rejectsWith(t.shopper.cancelMyOrder({ orderId: ids[0]!, reason: "" }, await t.as(stranger)), Code.NotFound, "ORDER_NOT_FOUND");
      await rejectsWith(t.internal.getPayableOrder({ orderId: ids[0]!, userId: stranger }), Code.NotFound, "ORDER_NOT_FOUND");
      const mine = await t.shopper.getMyOrder({ orderId: ids[0]! }, await t.as(userId));
      assert.equal(mine.history.length, 2);
      const payable = await t.internal.getPayableOrder({ orderId: ids[0]!, userId });
      assert.deepEqual([payable.payable, payable.totalMinor, payable.currency, payable.number], [true, 1300n, "EUR", mine.number]);
      const byNumber = await t.admin.listOrders({ number: mine.number.slice(0, 9) }, t.asAdmin);
      assert.ok(byNumber.orders.some((o) => o.id === mine.id));
      assert.ok(byNumber.orders.every((o) => o.number.startsWith(mine.number.slice(0, 9))));
    });
  });
});
