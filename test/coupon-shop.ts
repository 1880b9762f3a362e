// Coupons for whole-shop tests: an admin's template (valid now, for a day, in EUR) and a shopper's
// claims, read back through the gateway.
import assert from "node:assert/strict";
import { waitFor } from "@shop/testkit/wait";
import type { Shop, Shopper } from "./checkout-shop.ts";

export async function couponTemplate(shop: Shop, body: Record<string, unknown>): Promise<string> {
  const res = await shop.call("POST", "/api/v1/admin/coupon-templates", {
    token: shop.adminToken,
    body: {
      currency: "EUR",
      validFrom: new Date(Date.now() - 60_000).toISOString(),
      validUntil: new Date(Date.now() + 86_400_000).toISOString(),
      totalQuantity: 100,
      perUserLimit: 1,
      scope: "COUPON_SCOPE_ALL",
      ...body,
    },
  });
  assert.equal(res.status, 200, res.text);
  return res.json.id as string;
}

export async function claimCoupon(shop: Shop, who: Shopper, templateId: string): Promise<string> {
  const res = await shop.call("POST", "/api/v1/coupons/claims", { token: who.access, body: { templateId } });
  assert.equal(res.status, 200, res.text);
  return res.json.id as string;
}

export const couponStatus = (shop: Shop, who: Shopper, id: string) =>
  shop
    .call("GET", "/api/v1/coupons", { token: who.access })
    .then((res) => (res.json.coupons as { id: string; status: string }[]).find((c) => c.id === id)?.status);

export const couponReaches = (shop: Shop, who: Shopper, id: string, status: string) =>
  waitFor(`coupon ${id} ${status}`, async () => ((await couponStatus(shop, who, id)) === status ? true : undefined));
