// The sale area in Chromium: an admin signs in, opens Orders, opens a paid order and ships it with a
// carrier and number, and the shopper sees SHIPPED; the admin makes a coupon template; the admin
// schedules a flash sale starting ~45 s ahead, a shopper watches its countdown tick, buys when it
// goes live, and sees that they won with a link to their order. Each page at 375 and 1280 px.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import { waitFor } from "@shop/testkit/wait";
import { register, sampleAddress } from "../services/gateway/test/helpers.ts";
import { orderReaches, payOnSandbox, placeOrder, type Shopper } from "./checkout-shop.ts";
import { assertNoProblems, desktop, open, phone, shot, signInUi, startWebShop, type WebShop } from "./web/harness.ts";

let shop: WebShop;
let categoryId: string;
let adminCtx: BrowserContext;
let adminPhoneCtx: BrowserContext;

before(async () => {
  shop = await startWebShop({ SHOP_RPC_TIMEOUT_MS: "30000" });
  const category = await shop.call("POST", "/api/v1/admin/categories", { token: shop.adminToken, body: { name: "Teapots" } });
  assert.equal(category.status, 200, category.text);
  categoryId = category.json.id as string;
});

after(async () => {
  await shop?.stop();
});

/** A published product with one SKU (no image: a missing image would be a failed request) and stock. */
async function product(title: string, stock: number): Promise<{ productId: string; skuId: string }> {
  const { call, adminToken: token } = shop;
  const created = await call("POST", "/api/v1/admin/products", {
    token,
    body: { title, categoryId, brand: "Acme", skus: [{ priceMinor: "2500", currency: "CNY", specs: [{ key: "colour", value: "blue" }] }] },
  });
  assert.equal(created.status, 200, created.text);
  const productId = created.json.id as string;
  const skuId = (created.json.skus as { id: string }[])[0]!.id;
  assert.equal((await call("POST", `/api/v1/admin/products/${productId}/publish`, { token })).status, 200);
  const set = await call("PUT", `/api/v1/admin/inventory/${skuId}`, { token, body: { onHand: stock, reason: "initial stock" } });
  assert.equal(set.status, 200, set.text);
  return { productId, skuId };
}

async function shopperWithAddress() {
  const user = await register(shop.call);
  const address = await shop.call("POST", "/api/v1/users/me/addresses", { token: user.access, body: sampleAddress });
  assert.equal(address.status, 200, address.text);
  return { ...user, addressId: address.json.id as string };
}

async function signedInAdmin(size: typeof desktop): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await shop.context(size);
  const page = await ctx.newPage();
  await signInUi(page, shop.admin.username, shop.admin.password);
  return { ctx, page };
}

/** Visits a page in a second context (the other size) for its screenshot, with no problems. */
async function shotAlso(ctx: BrowserContext, path: string, name: string, ready: (p: Page) => Promise<unknown>) {
  const page = await open(ctx, path);
  await ready(page);
  await shot(page, name);
  assertNoProblems(page);
  await page.close();
}

void test("an admin opens Orders, opens a paid order, ships it; the shopper sees SHIPPED; a coupon template is made", async () => {
  const { skuId } = await product(`Ship teapot ${randomUUID().slice(0, 6)}`, 5);
  const buyer = await shopperWithAddress();
  const added = await shop.call("POST", "/api/v1/cart/items", { token: buyer.access, body: { skuId, quantity: 1 } });
  assert.equal(added.status, 200, added.text);
  const who: Shopper = { id: buyer.id, access: buyer.access, addressId: buyer.addressId };
  const placed = await placeOrder(shop.call, who);
  assert.equal(placed.status, 200, placed.text);
  const orderId = placed.json.id as string;
  const number = placed.json.number as string;
  const fakeShop = { stack: shop.stack, call: shop.call, adminToken: shop.adminToken, categoryId };
  await payOnSandbox(fakeShop, who, orderId);
  await orderReaches(shop.call, who, orderId, "ORDER_STATUS_PAID", 60_000);

  ({ ctx: adminCtx } = await signedInAdmin(desktop));
  const page = adminCtx.pages()[0]!;
  await page.getByRole("link", { name: "Admin console" }).click();
  await page.getByRole("navigation", { name: "Admin console" }).getByRole("link", { name: "Orders" }).click();
  await page.getByRole("heading", { name: "Orders" }).waitFor();
  await page.getByRole("link", { name: number }).waitFor();
  await shot(page, "sales-admin-orders");
  await page.getByRole("link", { name: number }).click();
  await page.getByRole("heading", { name: `Order ${number} Paid` }).waitFor();
  await page.getByText("Ada Lovelace").waitFor();
  await page.getByRole("cell", { name: "Succeeded" }).waitFor();
  await page.getByLabel("Carrier").fill("SF Express");
  await page.getByLabel("Tracking number").fill("SF1234567890");
  await page.getByRole("button", { name: "Ship", exact: true }).click();
  await page.getByRole("heading", { name: `Order ${number} Shipped` }).waitFor();
  // The history shows the change, and the parcel's steps come once the logistics service registered it.
  await page.getByText("Paid → Shipped").waitFor();
  await waitFor(
    "the logistics service registers the parcel",
    async () => ((await shop.call("GET", `/api/v1/admin/shipments/${orderId}`, { token: shop.adminToken })).status === 200 ? true : undefined),
    60_000,
    500,
  );
  await page.getByRole("list", { name: "Shipment" }).getByText("Registered").waitFor({ timeout: 60_000 });
  await shot(page, "sales-admin-order");
  assertNoProblems(page);

  const seen = await orderReaches(shop.call, who, orderId, "ORDER_STATUS_SHIPPED");
  assert.equal((seen.shipment as { trackingNumber: string }).trackingNumber, "SF1234567890");

  // A coupon template made in the form, then seen on its own page.
  await page.getByRole("navigation", { name: "Admin console" }).getByRole("link", { name: "Coupons" }).click();
  await page.getByRole("button", { name: "New template" }).click();
  await page.getByLabel("Name").fill("Ten off");
  await page.getByLabel("Amount off").fill("10");
  await page.getByLabel("Minimum spend").fill("50.00");
  await page.getByRole("button", { name: "Create template" }).click();
  await page.getByRole("heading", { name: /Ten off/ }).waitFor();
  await page.getByText(/10\.00 off, from \D*50\.00/).waitFor();
  await shot(page, "sales-admin-coupon");
  await page.getByRole("link", { name: "All templates" }).click();
  await page.getByRole("link", { name: "Ten off" }).waitFor();
  await shot(page, "sales-admin-coupons");
  assertNoProblems(page);

  // The same pages at 375 px.
  ({ ctx: adminPhoneCtx } = await signedInAdmin(phone));
  await shotAlso(adminPhoneCtx, "/admin/orders", "sales-admin-orders", (p) => p.getByRole("link", { name: number }).waitFor());
  await shotAlso(adminPhoneCtx, `/admin/orders/${orderId}`, "sales-admin-order", (p) =>
    p.getByRole("list", { name: "Shipment" }).getByText("Registered").waitFor(),
  );
  await shotAlso(adminPhoneCtx, "/admin/coupons", "sales-admin-coupons", (p) => p.getByRole("link", { name: "Ten off" }).waitFor());
});

/**
 * Local time `ms` from now as a datetime-local value. Computed here, not in the page (tsx's helpers
 * do not exist there): the browser runs on this machine, in its time zone.
 */
const localIn = (_page: Page, ms: number) => {
  const d = new Date(Date.now() + ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return Promise.resolve(`${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`);
};

void test("a flash sale seen from the storefront: the admin schedules it, the countdown ticks, it goes live, Buy now, won, the order", async () => {
  const title = `Flash teapot ${randomUUID().slice(0, 6)}`;
  const { productId } = await product(title, 20);
  const buyer = await shopperWithAddress();
  adminCtx ??= (await signedInAdmin(desktop)).ctx;
  const admin = await open(adminCtx, "/admin/flash-sales");
  await admin.getByRole("button", { name: "Schedule a flash sale" }).click();
  await admin.getByLabel("Product id").fill(productId);
  await admin.getByText(/Regular \D*25\.00/).waitFor();
  await admin.getByLabel("Sale price").fill("9.90");
  await admin.getByLabel("Quantity").fill("5");
  await admin.getByLabel("Starts at").fill(await localIn(admin, 45_000));
  await admin.getByLabel("Ends at").fill(await localIn(admin, 15 * 60_000));
  await admin.getByRole("button", { name: "Schedule", exact: true }).click();
  await admin.getByText("Scheduled.").waitFor();
  const row = admin.getByRole("row").filter({ hasText: title });
  await row.waitFor();
  const href = await row.getByRole("link", { name: "Storefront page" }).getAttribute("href");
  const saleId = /\/flash-sales\/(.+)$/.exec(href ?? "")?.[1];
  assert.ok(saleId, `sale link ${href}`);
  await shot(admin, "sales-admin-flash-sales");
  assertNoProblems(admin);
  await shotAlso(adminPhoneCtx ?? (await signedInAdmin(phone)).ctx, "/admin/flash-sales", "sales-admin-flash-sales", (p) =>
    p.getByRole("row").filter({ hasText: title }).waitFor(),
  );

  // A guest sees the sale; the shopper signs in at 375 px and watches the countdown tick.
  const shopperCtx = await shop.context(phone);
  const page = await shopperCtx.newPage();
  await signInUi(page, buyer.username, buyer.password);
  await page.goto("/flash-sales");
  await page.getByRole("link", { name: title }).click();
  await page.waitForURL(`**/flash-sales/${saleId}`);
  await page.getByText("Upcoming").waitFor();
  const timer = page.getByRole("timer", { name: "Starts in" });
  const first = await timer.textContent();
  await page.waitForTimeout(2100);
  const second = await timer.textContent();
  assert.notEqual(first, second, "the countdown ticks");
  assert.match(second ?? "", /^00:00:\d\d$/);
  await shot(page, "sales-flash-sale-upcoming");
  await page.getByRole("button", { name: "Remind me" }).click();
  await page.getByText("We will tell you in your messages when it starts.").waitFor();

  // Live: the countdown runs to the end; Buy now → token → attempt → won → the order.
  await page.getByRole("button", { name: "Buy now" }).waitFor({ timeout: 90_000 });
  await page.getByRole("timer", { name: "Ends in" }).waitFor();
  await page.getByRole("button", { name: "Buy now" }).click();
  await page.getByText("You got one! Your order is ready to pay.").waitFor({ timeout: 300_000 });
  const orderLink = await page.getByRole("link", { name: "View your order" }).getAttribute("href");
  const orderId = /^\/account\/orders\/(.+)$/.exec(orderLink ?? "")?.[1];
  assert.ok(orderId, `order link ${orderLink}`);
  await page.getByRole("button", { name: "Pay now" }).waitFor();
  await shot(page, "sales-flash-sale-won");
  assertNoProblems(page);
  const order = await shop.call("GET", `/api/v1/orders/${orderId}`, { token: buyer.access });
  assert.equal(order.status, 200, order.text);
  assert.equal(order.json.flashSaleId, saleId);
  assert.equal(order.json.subtotalMinor, "990", "the sale price, not the SKU's (shipping comes on top)");

  // At 1280 px: a guest sees the live sale and the list; Buy now sends them to sign in and back.
  const guestCtx = await shop.context(desktop);
  await shotAlso(guestCtx, "/flash-sales", "sales-flash-sales", (p) => p.getByRole("timer", { name: "Ends in" }).waitFor());
  const guest = await open(guestCtx, `/flash-sales/${saleId}`);
  await guest.getByRole("timer", { name: "Ends in" }).waitFor();
  await shot(guest, "sales-flash-sale-live");
  await guest.getByRole("button", { name: "Buy now" }).click();
  await guest.waitForURL((u) => u.pathname === "/signin" && u.searchParams.get("needed") === "1" && u.searchParams.get("next") === `/flash-sales/${saleId}`);
  assertNoProblems(guest);
  await shotAlso(shopperCtx, "/flash-sales", "sales-flash-sales", (p) => p.getByRole("timer", { name: "Ends in" }).first().waitFor());
  await waitFor("the sale counts the win", async () => {
    const res = await shop.call("GET", "/api/v1/admin/flash-sales?pageSize=100", { token: shop.adminToken });
    const sale = (res.json.sales as { id: string; won: number }[]).find((s) => s.id === saleId);
    return sale && sale.won === 1 ? sale : undefined;
  });
});
