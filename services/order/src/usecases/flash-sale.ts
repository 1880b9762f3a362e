// A won flash-sale attempt becomes an order (consumer of seckill.attempt_won). The order's id is the
// ticket id, inserted only if absent, so a redelivery (or two instances at once) creates nothing
// more: the order row is this consumer's inbox. The order is one unit of the SKU at the sale price,
// with the usual shipping and no coupon, its unit taken from the sale's set-aside by the saga
// (reserve_stock with from_reservation_id = sale id), which then awaits payment as any order. A
// snapshot that cannot be taken (the address is not the user's, the SKU is gone) makes an order
// that fails at once, so the FAILED event (with the flash sale id) tells the seckill service. A
// service that does not answer throws: the bus delivers again. A process killed after the insert
// leaves a PENDING order that the redelivery or the sweeper takes on.
import { AppError } from "@shop/kit/errors";
import { transaction } from "@shop/kit/transaction";
import { lineUnavailable } from "../domain/errors.ts";
import { shippingFee, type PricedLine } from "../domain/pricing.ts";
import { recordHistory } from "../repo/history.ts";
import { insertLines } from "../repo/lines.ts";
import { findOrder, insertOrderOnce, type AddressSnapshot, type OrderPatch } from "../repo/orders.ts";
import type { Deps } from "./deps.ts";
import { runSaga } from "./saga.ts";

export interface WonAttempt {
  ticketId: string;
  saleId: string;
  userId: string;
  skuId: string;
  addressId: string;
  salePriceMinor: number;
  currency: string;
}

const noAddress: AddressSnapshot = { recipientName: "", phone: "", countryCode: "", region: "", city: "", district: "", line1: "", line2: "", postalCode: "" };

export async function orderFromWonAttempt(d: Deps, won: WonAttempt): Promise<void> {
  if (!(await findOrder(d.db, won.ticketId))) await createOrder(d, won);
  await runSaga(d, won.ticketId);
}

async function createOrder(d: Deps, won: WonAttempt): Promise<void> {
  const sku = (await d.catalog.skus([won.skuId])).get(won.skuId);
  const address = await expected(d.addresses.address(won.userId, won.addressId));
  const failure = !sku ? lineUnavailable(won.skuId) : address instanceof AppError ? address : undefined;
  const { salePriceMinor: price } = won;
  const lines: PricedLine[] = sku
    ? [
        {
          skuId: sku.skuId,
          productId: sku.productId,
          title: sku.title,
          image: sku.image,
          specs: sku.specs,
          unitPriceMinor: price,
          quantity: 1,
          subtotalMinor: price,
          discountMinor: 0,
        },
      ]
    : [];
  const subtotalMinor = lines.reduce((sum, l) => sum + l.subtotalMinor, 0);
  const shippingFeeMinor = shippingFee(subtotalMinor, d.shipping);
  await transaction(d.db, async (tx) => {
    const order = await insertOrderOnce(tx, {
      id: won.ticketId,
      userId: won.userId,
      idempotencyKey: `flash-sale:${won.ticketId}`,
      status: "PENDING",
      // A failed snapshot goes straight to compensation: nothing to give back, then FAILED.
      sagaStep: failure ? "compensate" : "reserve_stock",
      ...(failure ? failureOf(failure) : {}),
      currency: won.currency,
      subtotalMinor,
      shippingFeeMinor,
      discountMinor: 0,
      totalMinor: subtotalMinor + shippingFeeMinor,
      address: address instanceof AppError ? noAddress : address,
      note: "",
      flashSaleId: won.saleId,
    });
    if (!order) return;
    if (lines.length) await insertLines(tx, order.id, lines);
    await recordHistory(tx, order.id, undefined, "PENDING", { actor: "system:seckill", reason: `flash sale ${won.saleId} won` });
  });
}

/** The call's answer, or its expected refusal (ADDRESS_NOT_FOUND, …); an unreachable service throws. */
async function expected<T>(call: Promise<T>): Promise<T | AppError> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof AppError && err.kind !== "unavailable") return err;
    throw err;
  }
}

const failureOf = (e: AppError): OrderPatch => ({
  failureKind: e.kind,
  failureCode: e.reason,
  failureMessage: e.message,
  failureMetadata: e.options.metadata ?? {},
});
