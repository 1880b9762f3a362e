// OrderService: the signed-in shopper's checkout and orders.
import type { ServiceImpl } from "@connectrpc/connect";
import type { orderv1 } from "@shop/contracts";
import { idempotencyKeyRequired } from "../domain/errors.ts";
import { cancelMyOrder, confirmReceipt } from "../usecases/change-status.ts";
import type { Deps } from "../usecases/deps.ts";
import { placeOrder } from "../usecases/place-order.ts";
import { quoteOrder } from "../usecases/quote.ts";
import { getOrder, listOrderViews, viewOf } from "../usecases/read.ts";
import { callerOf, statusFilter, toOrder, toQuote } from "./mapping.ts";

export function orderService(d: Deps): ServiceImpl<typeof orderv1.OrderService> {
  return {
    async quoteOrder(req, ctx) {
      return toQuote(await quoteOrder(d, callerOf(ctx), { userCouponId: req.userCouponId, withoutCoupon: req.withoutCoupon }));
    },
    async placeOrder(req, ctx) {
      const idempotencyKey = ctx.requestHeader.get("idempotency-key");
      if (!idempotencyKey) throw idempotencyKeyRequired();
      const order = await placeOrder(d, { userId: callerOf(ctx), idempotencyKey, addressId: req.addressId, note: req.note, userCouponId: req.userCouponId });
      return toOrder(await viewOf(d.db, order, true));
    },
    async listMyOrders(req, ctx) {
      const page = await listOrderViews(d, {
        userId: callerOf(ctx),
        status: statusFilter(req.status),
        hideUnplaced: true,
        pageSize: req.pageSize,
        pageToken: req.pageToken,
      });
      return { orders: page.orders.map(toOrder), nextPageToken: page.nextPageToken };
    },
    async getMyOrder(req, ctx) {
      return toOrder(await getOrder(d, req.orderId, callerOf(ctx)));
    },
    async cancelMyOrder(req, ctx) {
      return toOrder(await cancelMyOrder(d, callerOf(ctx), req.orderId, req.reason));
    },
    async confirmReceipt(req, ctx) {
      return toOrder(await confirmReceipt(d, callerOf(ctx), req.orderId));
    },
  };
}
