// The checkout mix: each shopper loops browse a product list, open a product, add a unit to the
// cart, quote, place the order (an Idempotency-Key each), create its payment and pay it on the
// sandbox page, spreading its requests over the gateways given (round robin, as a load balancer
// would). Every request counts, its latency is recorded; an error ends that shopper's round.
import { randomUUID } from "node:crypto";

export interface MixShopper {
  token: string;
  addressId: string;
}

export interface MixFigures {
  requests: number;
  orders: number;
  errors: number;
  latencies: number[];
  firstError?: string;
}

class StepFailed extends Error {}

export async function checkoutMix(gateways: string[], shoppers: MixShopper[], products: string[], skus: string[], untilMs: number): Promise<MixFigures> {
  const f: MixFigures = { requests: 0, orders: 0, errors: 0, latencies: [] };
  let next = 0;
  const step = async (method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<Record<string, unknown>> => {
    const api = gateways[next++ % gateways.length]!;
    const started = performance.now();
    const res = await fetch(`${api}${path}`, {
      method,
      redirect: "manual",
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    }).catch((err: Error) => ({ status: 0, text: () => Promise.resolve(err.message) }));
    const text = await res.text();
    f.requests++;
    f.latencies.push(performance.now() - started);
    if (res.status === 0 || res.status >= 400) {
      f.errors++;
      f.firstError ??= `${method} ${path}: ${res.status} ${text.slice(0, 300)}`;
      throw new StepFailed();
    }
    return text.startsWith("{") ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
  await Promise.all(
    shoppers.map(async (s, n) => {
      for (let i = n; Date.now() < untilMs; i++) {
        try {
          await step("GET", `/api/v1/products?pageSize=8`);
          await step("GET", `/api/v1/products/${products[i % products.length]}`);
          await step("POST", "/api/v1/cart/items", s.token, { skuId: skus[i % skus.length], quantity: 1 });
          await step("POST", "/api/v1/checkout/quote", s.token, {});
          const order = await step("POST", "/api/v1/orders", s.token, { addressId: s.addressId }, { "idempotency-key": randomUUID() });
          const payment = await step("POST", `/api/v1/orders/${order.id as string}/payments`, s.token, {}, { "idempotency-key": randomUUID() });
          await step("POST", `${new URL(payment.checkoutUrl as string).pathname}/pay`);
          f.orders++;
        } catch (err) {
          if (!(err instanceof StepFailed)) throw err;
        }
      }
    }),
  );
  return f;
}
