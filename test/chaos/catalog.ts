// What the shoppers of a chaos run buy: a few SKUs with stock, a coupon template with fewer coupons
// than shoppers want, and a flash sale of a few units on a SKU of its own. Made through the gateway
// by the admin before any fault.
import { randomUUID } from "node:crypto";
import { sleep } from "@shop/testkit/wait";
import { scheduleSale } from "../flash-sale-shop.ts";
import type { Answer, Call } from "../../services/gateway/test/helpers.ts";
import { admin } from "./cluster.ts";

export interface Catalog {
  adminToken: string;
  products: { productId: string; skuId: string }[];
  /** A SKU only the recovery probes buy, with stock that never runs out. */
  probe: { productId: string; skuId: string };
  couponTemplateId: string;
  sale: { id: string; skuId: string; quantity: number };
}

function ok(res: Answer, what: string): Answer {
  if (res.status !== 200) throw new Error(`${what}: ${res.status} ${res.text}`);
  return res;
}

export async function makeCatalog(call: Call, o: { skus: number; stock: number; coupons: number; saleUnits: number; saleSeconds: number }): Promise<Catalog> {
  // The admin exists once the user service started; its login may need a moment behind the gateways' discovery.
  let login: Answer | undefined;
  for (let i = 0; i < 40 && login?.status !== 200; i++) {
    if (i) await sleep(500);
    login = await call("POST", "/api/v1/auth/login", { body: { login: admin.username, password: admin.password } });
  }
  const token = ok(login!, "admin login").json.accessToken as string;
  const category = ok(await call("POST", "/api/v1/admin/categories", { token, body: { name: "Teapots" } }), "category").json.id as string;
  const product = async (stock: number) => {
    const made = ok(
      await call("POST", "/api/v1/admin/products", {
        token,
        body: {
          title: `Teapot ${randomUUID().slice(0, 8)}`,
          categoryId: category,
          brand: "Acme",
          images: ["/img/teapot.jpg"],
          skus: [{ priceMinor: "2500", currency: "EUR", specs: [{ key: "colour", value: "blue" }] }],
        },
      }),
      "product",
    );
    const productId = made.json.id as string;
    const skuId = (made.json.skus as { id: string }[])[0]!.id;
    ok(await call("POST", `/api/v1/admin/products/${productId}/publish`, { token }), "publish");
    ok(await call("PUT", `/api/v1/admin/inventory/${skuId}`, { token, body: { onHand: stock, reason: "initial stock" } }), "stock");
    return { productId, skuId };
  };
  const products = [];
  for (let i = 0; i < o.skus; i++) products.push(await product(o.stock));
  const probe = await product(1_000_000);
  const template = ok(
    await call("POST", "/api/v1/admin/coupon-templates", {
      token,
      body: {
        name: "3 off",
        kind: "COUPON_KIND_FIXED_AMOUNT",
        amountOffMinor: "300",
        currency: "EUR",
        validFrom: new Date(Date.now() - 60_000).toISOString(),
        validUntil: new Date(Date.now() + 86_400_000).toISOString(),
        totalQuantity: o.coupons,
        perUserLimit: 1,
        scope: "COUPON_SCOPE_ALL",
      },
    }),
    "coupon template",
  );
  const saleSku = await product(o.saleUnits * 2);
  const sale = ok(
    await scheduleSale(call, token, {
      skuId: saleSku.skuId,
      quantity: o.saleUnits,
      startsAt: new Date(Date.now() + 2000),
      endsAt: new Date(Date.now() + o.saleSeconds * 1000),
    }),
    "flash sale",
  );
  return {
    adminToken: token,
    products,
    probe,
    couponTemplateId: template.json.id as string,
    sale: { id: sale.json.id as string, skuId: saleSku.skuId, quantity: o.saleUnits },
  };
}
