// PlaceOrder: one order per (user, Idempotency-Key). The order is written PENDING with its
// snapshots (lines, prices, address), then the saga (saga.ts) takes it to AWAITING_PAYMENT or
// FAILED. A retry with the same key finds the order and answers as the first call did: the order,
// or the saga's error again. The saga calls other services between its transactions, so it opens
// its own (never the call-wide transaction of the kit's idempotency guard, which would hold one
// connection across those calls and hide the PENDING order from the sweeper).
import { AppError } from "@shop/kit/errors";
import { constraintViolation } from "@shop/kit/db-errors";
import { v7 } from "uuid";
import { recordHistory } from "../repo/history.ts";
import { insertLines } from "../repo/lines.ts";
import { findByIdempotencyKey, idempotencyKeyConstraint, insertOrder, type OrderRow } from "../repo/orders.ts";
import type { Deps } from "./deps.ts";
import { priceSelection } from "./quote.ts";
import { runSaga } from "./saga.ts";

export interface PlaceOrderInput {
  userId: string;
  idempotencyKey: string;
  addressId: string;
  note: string;
  /** A coupon of the shopper's to lock for the order (the saga's redeem_coupon step); "" for none. */
  userCouponId: string;
}

export async function placeOrder(d: Deps, input: PlaceOrderInput): Promise<OrderRow> {
  const order = (await findByIdempotencyKey(d.db, input.userId, input.idempotencyKey)) ?? (await createPending(d, input));
  return outcome(await runSaga(d, order.id));
}

/**
 * The order as the shopper gets it. A failed checkout is the error that failed it, also while its
 * compensation still waits for the inventory service (the saga stops short only there).
 */
function outcome(order: OrderRow): OrderRow {
  if (order.status !== "FAILED" && order.status !== "PENDING") return order;
  throw new AppError(order.failureKind ?? "unavailable", order.failureCode ?? "CHECKOUT_FAILED", order.failureMessage ?? "the order could not be placed", {
    metadata: { ...order.failureMetadata, orderId: order.id },
  });
}

async function createPending(d: Deps, input: PlaceOrderInput): Promise<OrderRow> {
  // Priced without a discount: the coupon's comes from its lock, in the saga.
  const quote = await priceSelection(d, input.userId);
  const address = await d.addresses.address(input.userId, input.addressId);
  try {
    return await d.db.transaction(async (tx) => {
      const order = await insertOrder(tx, {
        id: v7(),
        userId: input.userId,
        idempotencyKey: input.idempotencyKey,
        status: "PENDING",
        sagaStep: "reserve_stock",
        currency: quote.currency,
        subtotalMinor: quote.subtotalMinor,
        shippingFeeMinor: quote.shippingFeeMinor,
        discountMinor: quote.discountMinor,
        totalMinor: quote.totalMinor,
        address,
        note: input.note,
        userCouponId: input.userCouponId || null,
      });
      await insertLines(tx, order.id, quote.lines);
      await recordHistory(tx, order.id, undefined, "PENDING", { actor: input.userId, reason: "order placed" });
      return order;
    });
  } catch (err) {
    // The same key placed meanwhile by a concurrent call: that order is this call's order.
    const existing =
      constraintViolation(err)?.constraint === idempotencyKeyConstraint && (await findByIdempotencyKey(d.db, input.userId, input.idempotencyKey));
    if (existing) return existing;
    throw err;
  }
}
