// The shoppers of a chaos run. Each loops until told to stop: browses the list and a product, adds
// to the cart, sometimes claims a coupon and uses it, places an order (asking again with the same
// Idempotency-Key after a 5xx or no answer, as a real client does), then pays most orders on the
// sandbox, cancels some and leaves the rest to time out. Each also tries the flash sale once, and a
// crowd of extra shoppers tries it all at once. Every answer a shopper got that the system must
// keep is written in the ledger: the checker holds the databases to it.
import { randomUUID } from "node:crypto";
import { sleep } from "@shop/testkit/wait";
import type { BulkShopper } from "../../bench/shoppers.ts";
import type { Catalog } from "./catalog.ts";
import { retryable, type Api } from "./http.ts";

export interface PlacedOrder {
  orderId: string;
  userId: string;
  key: string;
  userCouponId: string;
}

export interface Ledger {
  /** Orders a shopper was told were placed, by id. */
  placed: Map<string, PlacedOrder>;
  /** Keys whose shopper gave up without an answer: at most one order each. */
  unanswered: { userId: string; key: string }[];
  /** Orders whose payment the sandbox said was made. */
  toldPaid: Set<string>;
  /** Orders the shopper was told were cancelled. */
  toldCancelled: Set<string>;
  /** Flash-sale tickets shoppers were told they won. */
  won: { userId: string; ticketId: string }[];
  /** Coupons shoppers were told they claimed. */
  claimed: Set<string>;
}

export const newLedger = (): Ledger => ({ placed: new Map(), unanswered: [], toldPaid: new Set(), toldCancelled: new Set(), won: [], claimed: new Set() });

/** Calls `once` until its answer is not worth retrying, at most `tries` times with a growing pause. */
async function persist<T extends { status: number }>(once: () => Promise<T>, retry: (a: T) => boolean, tries = 12): Promise<{ answer: T; gaveUp: boolean }> {
  for (let attempt = 1; ; attempt++) {
    const answer = await once();
    if (!retry(answer)) return { answer, gaveUp: false };
    if (attempt === tries) return { answer, gaveUp: true };
    await sleep(300 * Math.min(attempt, 8));
  }
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

export interface LoadOptions {
  api: Api;
  catalog: Catalog;
  ledger: Ledger;
  stopped: () => boolean;
  /** Share of placed orders paid, and cancelled; the rest are left to time out. */
  payShare?: number;
  cancelShare?: number;
}

export async function flashSaleAttempt(o: LoadOptions, who: BulkShopper): Promise<void> {
  const { api, catalog, ledger } = o;
  const saleId = catalog.sale.id;
  for (let attempt = 1; attempt <= 4; attempt++) {
    const token = await api.call("sale-token", "POST", `/api/v1/flash-sales/${saleId}/token`, { token: who.token, body: {} });
    if (token.status !== 200) {
      if (!retryable(token)) return;
      await sleep(500 * attempt);
      continue;
    }
    const res = await api.call("sale-attempt", "POST", `/api/v1/flash-sales/${saleId}/attempts`, {
      token: who.token,
      body: { token: token.json.token as string, addressId: who.addressId },
    });
    const ticketId = res.json.ticketId as string | undefined;
    if (res.status === 200 && ticketId && res.json.status !== "ATTEMPT_STATUS_SOLD_OUT" && res.json.status !== "ATTEMPT_STATUS_FAILED") {
      ledger.won.push({ userId: who.id, ticketId });
    }
    if (!retryable(res)) return;
    await sleep(500 * attempt);
  }
}

async function payOnSandbox(o: LoadOptions, who: BulkShopper, orderId: string): Promise<void> {
  const payment = await persist(() => o.api.call("payment-create", "POST", `/api/v1/orders/${orderId}/payments`, { token: who.token, body: {} }), retryable, 6);
  if (payment.answer.status !== 200) return;
  const path = new URL(payment.answer.json.checkoutUrl as string).pathname;
  const pay = await persist(() => o.api.call("sandbox-pay", "POST", `${path}/pay`, { redirect: "manual" }), retryable, 6);
  if (pay.answer.status > 0 && pay.answer.status < 400) o.ledger.toldPaid.add(orderId);
}

/** One shopper's loop until `stopped()`. */
export async function shop(o: LoadOptions, who: BulkShopper): Promise<void> {
  const { api, catalog, ledger } = o;
  const payShare = o.payShare ?? 0.6;
  const cancelShare = o.cancelShare ?? 0.2;
  let coupon = "";
  let triedSale = false;
  for (let round = 0; !o.stopped(); round++) {
    await api.call("browse-list", "GET", "/api/v1/products?pageSize=10");
    const item = pick(catalog.products);
    await api.call("browse-detail", "GET", `/api/v1/products/${item.productId}`);
    if (round === 1 && !triedSale) {
      triedSale = true;
      await flashSaleAttempt(o, who);
    }
    const added = await api.call("cart-add", "POST", "/api/v1/cart/items", { token: who.token, body: { skuId: item.skuId, quantity: 1 + (round % 2) } });
    if (added.status !== 200) {
      await sleep(500);
      continue;
    }
    if (round === 2 && Math.random() < 0.5) {
      const claim = await api.call("coupon-claim", "POST", "/api/v1/coupons/claims", { token: who.token, body: { templateId: catalog.couponTemplateId } });
      if (claim.status === 200) {
        coupon = claim.json.id as string;
        ledger.claimed.add(coupon);
      }
    }
    const key = randomUUID();
    const userCouponId = coupon;
    coupon = "";
    const body = { addressId: who.addressId, ...(userCouponId && { userCouponId }) };
    const placed = await persist(
      () => api.call("order-place", "POST", "/api/v1/orders", { token: who.token, body, headers: { "idempotency-key": key } }),
      retryable,
    );
    if (placed.gaveUp) ledger.unanswered.push({ userId: who.id, key });
    if (placed.answer.status !== 200) {
      await sleep(300);
      continue;
    }
    const orderId = placed.answer.json.id as string;
    ledger.placed.set(orderId, { orderId, userId: who.id, key, userCouponId });
    const r = Math.random();
    if (r < payShare) await payOnSandbox(o, who, orderId);
    else if (r < payShare + cancelShare) {
      const cancel = await persist(
        () => api.call("order-cancel", "POST", `/api/v1/orders/${orderId}/cancel`, { token: who.token, body: { reason: "changed my mind" } }),
        retryable,
        6,
      );
      if (cancel.answer.status === 200) ledger.toldCancelled.add(orderId);
    }
    await sleep(200 + Math.random() * 300);
  }
}
