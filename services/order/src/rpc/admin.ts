// AdminOrderService: every user's orders, shipping and refunds.
import type { ServiceImpl } from "@connectrpc/connect";
import type { orderv1 } from "@shop/contracts";
import { refundOrder, shipOrder } from "../usecases/change-status.ts";
import type { Deps } from "../usecases/deps.ts";
import { getOrder, listOrderViews } from "../usecases/read.ts";
import { callerOf, statusFilter, toOrder } from "./mapping.ts";

export function adminOrderService(d: Deps): ServiceImpl<typeof orderv1.AdminOrderService> {
  return {
    async listOrders(req) {
      const page = await listOrderViews(d, {
        userId: req.userId || undefined,
        status: statusFilter(req.status),
        numberPrefix: req.number || undefined,
        pageSize: req.pageSize,
        pageToken: req.pageToken,
      });
      return { orders: page.orders.map(toOrder), nextPageToken: page.nextPageToken };
    },
    async getOrder(req) {
      return toOrder(await getOrder(d, req.orderId));
    },
    async shipOrder(req, ctx) {
      return toOrder(await shipOrder(d, callerOf(ctx), req.orderId, req.carrier, req.trackingNumber));
    },
    async refundOrder(req, ctx) {
      return toOrder(await refundOrder(d, callerOf(ctx), req.orderId, req.reason));
    },
  };
}
