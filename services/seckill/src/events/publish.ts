// The seckill service's event, written to the outbox in the transaction that writes the ticket.
import { create } from "@bufbuild/protobuf";
import { events, seckillv1 } from "@shop/contracts";
import { enqueue } from "@shop/kit/bus/outbox";
import type { Tx } from "@shop/kit/db";
import type { Win } from "../gate/port.ts";

export async function publishAttemptWon(tx: Tx, w: Win): Promise<void> {
  const message = create(seckillv1.FlashSaleAttemptWonSchema, {
    ticketId: w.ticketId,
    saleId: w.saleId,
    userId: w.userId,
    skuId: w.skuId,
    addressId: w.addressId,
    salePriceMinor: BigInt(w.salePriceMinor),
    currency: w.currency,
  });
  await enqueue(tx, events.flashSaleAttemptWon, message);
}
