// The "sale starting" notices: every few seconds, followers of a sale starting within the notice
// time get one seckill.sale_starting each, written to the outbox in the transaction that marks
// them told, so each is told once whatever the instances.
import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { events, seckillv1 } from "@shop/contracts";
import { enqueue } from "@shop/kit/bus/outbox";
import { startPeriodic, type Periodic } from "@shop/kit/periodic";
import { transaction } from "@shop/kit/transaction";
import { dueFollowers, markNotified } from "../repo/followers.ts";
import type { Deps } from "./deps.ts";

const batch = 500;

/** One round: how many followers were told. */
export async function announceStartingSales(d: Deps, noticeSeconds: number): Promise<number> {
  return transaction(d.db, async (tx) => {
    const due = await dueFollowers(tx, noticeSeconds, batch);
    for (const f of due) {
      const message = create(seckillv1.FlashSaleStartingSchema, { ...f, startsAt: timestampFromDate(f.startsAt) });
      await enqueue(tx, events.flashSaleStarting, message);
    }
    for (const saleId of new Set(due.map((f) => f.saleId))) {
      await markNotified(
        tx,
        saleId,
        due.filter((f) => f.saleId === saleId).map((f) => f.userId),
      );
    }
    return due.length;
  });
}

export function startStartingNotices(d: Deps, everySeconds: () => number, noticeSeconds: () => number): Periodic {
  return startPeriodic(
    "flash sale starting notices",
    everySeconds,
    async () => {
      const n = await announceStartingSales(d, noticeSeconds());
      if (n) d.logger.info({ followers: n }, "flash sale followers told of the start");
    },
    d.logger,
  );
}
