// Following a flash sale: only one still to start, once per shopper; its followers each get one
// seckill.sale_starting the notice time before the start, and an unfollower none.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Code } from "@connectrpc/connect";
import { v7 } from "uuid";
import { rejectsWith, startSeckill, waitFor, type SeckillTest } from "./helpers.ts";

let t: SeckillTest;

before(async () => {
  t = await startSeckill({ env: { SHOP_SECKILL_STARTING_SCAN_SECONDS: "1", SHOP_SECKILL_STARTING_NOTICE_MINUTES: "10" } });
});

after(async () => {
  await t?.close();
});

void test("followers of a sale starting within the notice time are told once; unfollowers and later sales' followers are not", async () => {
  const skuId = await t.sku(5000, 10);
  const soon = await t.schedule(skuId, 2, 5 * 60_000);
  const later = await t.schedule(skuId, 2, 60 * 60_000);
  const carol = await t.shopper("carol");

  assert.equal((await t.sales.followFlashSale({ saleId: soon.id }, t.alice.as)).following, true);
  assert.equal((await t.sales.followFlashSale({ saleId: soon.id }, t.alice.as)).following, true, "following again changes nothing");
  await t.sales.followFlashSale({ saleId: soon.id }, t.bob.as);
  assert.equal((await t.sales.unfollowFlashSale({ saleId: soon.id }, t.bob.as)).following, false);
  await t.sales.followFlashSale({ saleId: later.id }, carol.as);

  const told = await waitFor("alice is told", () => t.starting.find((e) => e.saleId === soon.id));
  assert.equal(told.userId, t.alice.id);
  assert.equal(told.skuId, skuId);
  assert.equal(told.title, soon.title);
  assert.deepEqual(told.startsAt, soon.startsAt);
  // The round that told alice looked at every sale: carol's starts too late, bob unfollowed.
  await t.sales.followFlashSale({ saleId: soon.id }, carol.as);
  await waitFor("carol is told of the near sale", () => t.starting.find((e) => e.saleId === soon.id && e.userId === carol.id));
  assert.deepEqual(
    t.starting.map((e) => [e.saleId, e.userId]).sort(),
    [
      [soon.id, t.alice.id],
      [soon.id, carol.id],
    ].sort(),
    "one event per follower of the near sale, none for the later sale",
  );
});

void test("only a sale still to start can be followed; unknown sales are not found", async () => {
  const skuId = await t.sku(5000, 10);
  const running = await t.schedule(skuId, 2);
  await rejectsWith(t.sales.followFlashSale({ saleId: running.id }, t.alice.as), Code.FailedPrecondition, "FLASH_SALE_NOT_UPCOMING");
  await rejectsWith(t.sales.followFlashSale({ saleId: v7() }, t.alice.as), Code.NotFound, "FLASH_SALE_NOT_FOUND");
  await rejectsWith(t.sales.unfollowFlashSale({ saleId: v7() }, t.alice.as), Code.NotFound, "FLASH_SALE_NOT_FOUND");
  await rejectsWith(t.sales.followFlashSale({ saleId: "nope" }, t.alice.as), Code.InvalidArgument);
  await rejectsWith(t.sales.followFlashSale({ saleId: running.id }), Code.Unauthenticated);
});
