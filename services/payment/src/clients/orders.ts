// The order service, as the payment service needs it: what a payment of an order must be
// (OrderInternalService.GetPayableOrder, an internal RPC), through the balanced client.
import { Code, ConnectError, createClient, type Transport } from "@connectrpc/connect";
import { orderv1 } from "@shop/contracts";
import type { Registry } from "@shop/kit/discovery/registry";
import type { Logger } from "@shop/kit/log";
import { createServiceTransport } from "@shop/kit/rpc/client";
import type { TlsMaterial } from "@shop/kit/rpc/tls";
import { orderNotFound } from "../domain/errors.ts";

export interface PayableOrder {
  orderId: string;
  number: string;
  userId: string;
  status: string;
  totalMinor: number;
  currency: string;
  payable: boolean;
}

export interface Orders {
  /** The user's order; ORDER_NOT_FOUND for another user's or a missing one. */
  payableOrder(orderId: string, userId: string): Promise<PayableOrder>;
  close(): void;
}

export function createOrders(registry: Registry, opts: { timeoutMs: number; logger: Logger; internalToken: string; tls?: TlsMaterial }): Orders {
  const transport = createServiceTransport("order", registry, opts);
  return ordersOver(transport, () => transport.close());
}

/** The order service behind `transport` (the balanced client, or a test's). */
export function ordersOver(transport: Transport, close: () => void = () => undefined): Orders {
  const client = createClient(orderv1.OrderInternalService, transport);
  return {
    async payableOrder(orderId, userId) {
      try {
        const o = await client.getPayableOrder({ orderId, userId });
        return {
          orderId: o.orderId,
          number: o.number,
          userId: o.userId,
          status: orderv1.OrderStatus[o.status],
          totalMinor: Number(o.totalMinor),
          currency: o.currency,
          payable: o.payable,
        };
      } catch (err) {
        if (err instanceof ConnectError && err.code === Code.NotFound) throw orderNotFound();
        throw err;
      }
    },
    close,
  };
}
