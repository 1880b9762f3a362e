// TEST DOUBLE of the order service: only OrderInternalService.GetPayableOrder, behaving as the
// contract says (another user's order is NOT_FOUND; payable only while AWAITING_PAYMENT), over
// orders the test puts in. Served on a real HTTP/2 listener, as the kit's server does, so the
// payment service's balanced client reaches it through the static registry (SHOP_ORDER_* ports).
// Integration swaps it for the real order service: start services/order instead and pass its ports.
import { createServer, type Http2Server, type ServerHttp2Session } from "node:http2";
import type { AddressInfo } from "node:net";
import { Code, ConnectError, type ConnectRouter } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { orderv1 } from "@shop/contracts";
import { v7 } from "uuid";

export interface FakeOrder {
  orderId: string;
  number: string;
  userId: string;
  status: orderv1.OrderStatus;
  totalMinor: number;
  currency: string;
}

export interface FakeOrderService {
  /** An order of `userId` awaiting payment (unless `over` says otherwise). */
  add(userId: string, over?: Partial<FakeOrder>): FakeOrder;
  setStatus(orderId: string, status: orderv1.OrderStatus): void;
  /** SHOP_ORDER_HTTP_PORT / SHOP_ORDER_GRPC_PORT pointing at this double. */
  env: Record<string, string>;
  close(): Promise<void>;
}

let numbers = 0;

export async function startFakeOrderService(): Promise<FakeOrderService> {
  const orders = new Map<string, FakeOrder>();
  const routes = (router: ConnectRouter) =>
    router.service(orderv1.OrderInternalService, {
      getPayableOrder(req) {
        const o = orders.get(req.orderId);
        if (!o || o.userId !== req.userId) throw new ConnectError("order not found", Code.NotFound);
        return { ...o, totalMinor: BigInt(o.totalMinor), payable: o.status === orderv1.OrderStatus.AWAITING_PAYMENT };
      },
    });
  const server: Http2Server = createServer(connectNodeAdapter({ routes }));
  // Sessions the payment service keeps open would hold close() forever.
  const sessions = new Set<ServerHttp2Session>();
  server.on("session", (s) => {
    sessions.add(s);
    s.once("close", () => sessions.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = String((server.address() as AddressInfo).port);
  return {
    add(userId, over = {}) {
      const order: FakeOrder = {
        orderId: v7(),
        number: `T${Date.now()}${++numbers}`,
        userId,
        status: orderv1.OrderStatus.AWAITING_PAYMENT,
        totalMinor: 12_345,
        currency: "EUR",
        ...over,
      };
      orders.set(order.orderId, order);
      return order;
    },
    setStatus(orderId, status) {
      orders.get(orderId)!.status = status;
    },
    env: { SHOP_ORDER_HTTP_PORT: port, SHOP_ORDER_GRPC_PORT: port },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sessions) s.destroy();
      }),
  };
}
