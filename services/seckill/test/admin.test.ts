// Scheduling and ending sales through the started service, with the real product and inventory
// services: the SKU's snapshot, its units set aside and given back, and the refusals.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { randomUUID } from "node:crypto";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code } from "@connectrpc/connect";
import { orderv1, seckillv1 } from "@shop/contracts";
import { rejectsWith, sleep, startSeckill, waitFor, type SeckillTest } from "./helpers.ts";

void describe("seckill: scheduling and ending sales", () => {
  let t: SeckillTest;
  before(async () => {
    t = await startSeckill();
  });
  after(() => t?.close());
  const available = async (skuId: string) => (await t.inventory.getStock({ skuId }, t.asAdmin)).available;

  void test("a scheduled sale snapshots its SKU and sets its units aside; ending it gives the unsold ones back", async () => {
    const skuId = await t.sku(1990, 50);
    const sale = await t.schedule(skuId, 20);
    assert.equal(sale.status, seckillv1.FlashSaleStatus.ACTIVE);
    assert.deepEqual(
      [sale.skuId, sale.currency, sale.salePriceMinor, sale.regularPriceMinor, sale.quantity, sale.remaining],
      [skuId, "CNY", 990n, 1990n, 20, 20],
    );
    assert.match(sale.title, /^Phone /);
    assert.equal(sale.image, "/img/phone.jpg");
    assert.deepEqual(
      sale.specs.map((s) => [s.key, s.value]),
      [["colour", "black"]],
    );
    assert.equal(await available(skuId), 30);

    const listed = await t.sales.listFlashSales({});
    assert.ok(listed.sales.some((s) => s.id === sale.id && s.remaining === 20));
    assert.equal((await t.sales.getFlashSale({ saleId: sale.id })).title, sale.title);

    const ended = await t.admin.endFlashSale({ saleId: sale.id }, t.asAdmin);
    assert.equal(ended.status, seckillv1.FlashSaleStatus.ENDED);
    assert.ok(ended.endedAt);
    assert.equal(await available(skuId), 50);
    await rejectsWith(t.sales.issueAttemptToken({ saleId: sale.id }, t.alice.as), Code.FailedPrecondition, "SALE_ENDED");
    await waitFor("the ended sale off the public list", async () => !(await t.sales.listFlashSales({})).sales.some((s) => s.id === sale.id));
    const all = await t.admin.listAllFlashSales({ pageSize: 10 }, t.asAdmin);
    assert.deepEqual(
      all.sales.filter((s) => s.id === sale.id).map((s) => [s.status, s.won, s.ordered, s.paid]),
      [[seckillv1.FlashSaleStatus.ENDED, 0, 0, 0]],
    );
  });

  void test("a sale is refused: more units than available (OUT_OF_STOCK), a price not below the regular one, a window over or backwards, an unknown SKU", async () => {
    const skuId = await t.sku(1990, 5);
    await rejectsWith(t.schedule(skuId, 6), Code.FailedPrecondition, "OUT_OF_STOCK");
    const now = Date.now();
    const at = (ms: number) => timestampFromDate(new Date(now + ms));
    const base = { skuId, salePriceMinor: 990n, quantity: 1, startsAt: at(0), endsAt: at(3_600_000) };
    await rejectsWith(t.admin.scheduleFlashSale({ ...base, salePriceMinor: 1990n }, t.asAdmin), Code.InvalidArgument, "INVALID_INPUT");
    await rejectsWith(t.admin.scheduleFlashSale({ ...base, startsAt: at(-7_200_000), endsAt: at(-3_600_000) }, t.asAdmin), Code.InvalidArgument);
    await rejectsWith(t.admin.scheduleFlashSale({ ...base, endsAt: at(-1) }, t.asAdmin), Code.InvalidArgument);
    await rejectsWith(t.admin.scheduleFlashSale({ ...base, skuId: "0190a000-0000-7000-8000-00000000dead" }, t.asAdmin), Code.NotFound, "SKU_NOT_FOUND");
    assert.equal(await available(skuId), 5);
    await rejectsWith(t.admin.scheduleFlashSale(base, t.alice.as), Code.PermissionDenied);
  });

  void test("before its start a sale issues no token", async () => {
    const skuId = await t.sku(1990, 5);
    const sale = await t.schedule(skuId, 2, 3_600_000);
    assert.equal(sale.status, seckillv1.FlashSaleStatus.SCHEDULED);
    await rejectsWith(t.sales.issueAttemptToken({ saleId: sale.id }, t.alice.as), Code.FailedPrecondition, "SALE_NOT_STARTED");
  });

  void test("at its end the sweeper ends a sale; its unsold units go back once every won ticket became an order", async () => {
    const skuId = await t.sku(1990, 50);
    const now = Date.now();
    const sale = await t.admin.scheduleFlashSale(
      { skuId, salePriceMinor: 990n, quantity: 3, startsAt: timestampFromDate(new Date(now)), endsAt: timestampFromDate(new Date(now + 3000)) },
      t.asAdmin,
    );
    const { token } = await t.sales.issueAttemptToken({ saleId: sale.id }, t.alice.as);
    const won = await t.sales.attemptPurchase({ saleId: sale.id, token, addressId: randomUUID() }, t.alice.as);
    assert.equal(won.status, seckillv1.AttemptStatus.QUEUED);
    await waitFor("the sale ended", async () => (await t.sales.getFlashSale({ saleId: sale.id })).status === seckillv1.FlashSaleStatus.ENDED);
    await waitFor("the ticket in PostgreSQL", async () => (await t.admin.listAllFlashSales({}, t.asAdmin)).sales.find((s) => s.id === sale.id)?.won === 1);
    await sleep(2500); // two sweeps: the queued ticket keeps the units set aside
    assert.equal(await available(skuId), 47);
    await t.orderChanged(won.ticketId, sale.id, t.alice.id, orderv1.OrderStatus.AWAITING_PAYMENT);
    await waitFor("the units back", async () => (await available(skuId)) === 50);
  });
});
