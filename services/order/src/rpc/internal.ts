// OrderInternalService: for the payment service, never routed by the gateway.
import type { ServiceImpl } from "@connectrpc/connect";
import { orderv1 } from "@shop/contracts";
import type { Deps } from "../usecases/deps.ts";
import { payableOrder } from "../usecases/read.ts";

export function orderInternalService(d: Deps): ServiceImpl<typeof orderv1.OrderInternalService> {
  return {
    async getPayableOrder(req) {
      const o = await payableOrder(d, req.orderId, req.userId);
      return {
        orderId: o.id,
        number: o.number,
        userId: o.userId,
        status: orderv1.OrderStatus[o.status],
        totalMinor: BigInt(o.totalMinor),
        currency: o.currency,
        payable: o.payable,
      };
    },
  };
}
