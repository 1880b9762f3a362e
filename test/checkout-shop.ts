// A whole shop for checkout tests: every service and a gateway (services/gateway/test/helpers.ts),
// an admin, a published product with one SKU and stock, and shoppers with an address. Talks HTTP to
// the gateway as the web app and curl do.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { sleep, waitFor } from "@shop/testkit/wait";
import { client, register, sampleAddress, startStackWithAdmin, type Answer, type Call, type Stack } from "../services/gateway/test/helpers.ts";

export interface Shop {
  stack: Stack;
  call: Call;
  adminToken: string;
  categoryId: string;
}

export interface Shopper {
  id: string;
  access: string;
  addressId: string;
}

/**
 * These tests are about outcomes, not speed, and run beside other whole-system files on two cores:
 * generous deadlines, so a slow moment is a slow answer rather than a timeout.
 */
const patient = { SHOP_RPC_TIMEOUT_MS: "30000", SHOP_CART_PRODUCT_TIMEOUT_MS: "30000" };

export async function startShop(env: Record<string, string> = {}): Promise<Shop> {
  const { stack, call, adminToken } = await startStackWithAdmin(patient, { ...patient, ...env });
  const category = await call("POST", "/api/v1/admin/categories", { token: adminToken, body: { name: "Teapots" } });
  assert.equal(category.status, 200, category.text);
  return { stack, call, adminToken, categoryId: category.json.id as string };
}

/** A published product with one SKU at `priceMinor` EUR and `stock` units on hand; returns ids. */
export async function createSku(shop: Shop, stock: number, priceMinor = 2500): Promise<{ productId: string; skuId: string }> {
  const { call, adminToken: token } = shop;
  const product = await call("POST", "/api/v1/admin/products", {
    token,
    body: {
      title: `Teapot ${randomUUID().slice(0, 8)}`,
      categoryId: shop.categoryId,
      brand: "Acme",
      images: ["/img/teapot.jpg"],
      skus: [{ priceMinor: String(priceMinor), currency: "EUR", specs: [{ key: "colour", value: "blue" }] }],
    },
  });
  assert.equal(product.status, 200, product.text);
  const productId = product.json.id as string;
  const skuId = (product.json.skus as { id: string }[])[0]!.id;
  assert.equal((await call("POST", `/api/v1/admin/products/${productId}/publish`, { token })).status, 200);
  const set = await call("PUT", `/api/v1/admin/inventory/${skuId}`, { token, body: { onHand: stock, reason: "initial stock" } });
  assert.equal(set.status, 200, set.text);
  return { productId, skuId };
}

export async function shopper(call: Call): Promise<Shopper> {
  const user = await register(call);
  const address = await call("POST", "/api/v1/users/me/addresses", { token: user.access, body: sampleAddress });
  assert.equal(address.status, 200, address.text);
  return { id: user.id, access: user.access, addressId: address.json.id as string };
}

export async function stockOf(shop: Shop, skuId: string): Promise<{ onHand: number; reserved: number; available: number }> {
  const res = await shop.call("GET", `/api/v1/admin/inventory/${skuId}`, { token: shop.adminToken });
  assert.equal(res.status, 200, res.text);
  return { onHand: res.json.onHand as number, reserved: res.json.reserved as number, available: res.json.available as number };
}

const stillRunning = (res: Answer) => (res.json.details as { reason?: string } | undefined)?.reason === "IDEMPOTENCY_KEY_IN_PROGRESS";

/**
 * Places an order as a careful client does: when the answer is lost to a timeout or an outage
 * (5xx), or the first call with the key is still running, it asks again with the same
 * Idempotency-Key, which gives the same order, never a second.
 */
export async function placeOrder(call: Call, who: Shopper, key: string = randomUUID(), more: Record<string, unknown> = {}) {
  for (let attempt = 1; ; attempt++) {
    const body = { addressId: who.addressId, ...more };
    const res = await call("POST", "/api/v1/orders", { token: who.access, body, headers: { "idempotency-key": key } });
    if ((res.status < 500 && !stillRunning(res)) || attempt === 20) return res;
    await sleep(250 * Math.min(attempt, 8));
  }
}

/** Waits until the shopper's order has `status` (events travel through the bus). */
export async function orderReaches(call: Call, who: Shopper, orderId: string, status: string, timeoutMs = 20_000) {
  return waitFor(
    `order ${orderId} ${status}`,
    async () => {
      const res = await call("GET", `/api/v1/orders/${orderId}`, { token: who.access });
      return res.json.status === status ? res.json : undefined;
    },
    timeoutMs,
    100,
  );
}

/** Pays the order on the sandbox provider's page, as the shopper's browser does. */
export async function payOnSandbox(shop: Shop, who: Shopper, orderId: string): Promise<void> {
  const payment = await shop.call("POST", `/api/v1/orders/${orderId}/payments`, { token: who.access, body: {} });
  assert.equal(payment.status, 200, payment.text);
  const path = new URL(payment.json.checkoutUrl as string).pathname;
  const pay = await fetch(`http://127.0.0.1:${shop.stack.gateway.httpPort}${path}/pay`, { method: "POST", redirect: "manual" });
  assert.ok(pay.status < 400, `pay: ${pay.status} ${await pay.text()}`);
}

export { client };
