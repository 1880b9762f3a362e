// The operations view in Chromium: an admin signs in, sees every service healthy; after a checkout
// made through the gateway (by API, as setup), finds its trace and sees the waterfall with spans from
// several services; the routes, bus and dead-letter pages show their figures. Each page at 375 and
// 1280 px, screenshots kept, no console errors.
import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { sleep } from "@shop/testkit/wait";
import type { Locator, Page } from "playwright-core";
import { createSku, shopper, type Shop } from "./checkout-shop.ts";
import { assertNoProblems, desktop, phone, shot, signInUi, startWebShop, type WebShop } from "./web/harness.ts";

let shop: WebShop;
let traceId: string;

before(async () => {
  shop = await startWebShop();
  // Setup through the API: a product with stock and a shopper's order, in a trace whose id we choose.
  const category = await shop.call("POST", "/api/v1/admin/categories", { token: shop.adminToken, body: { name: "Ops teapots" } });
  assert.equal(category.status, 200, category.text);
  const setup: Shop = { stack: shop.stack, call: shop.call, adminToken: shop.adminToken, categoryId: category.json.id as string };
  const { skuId } = await createSku(setup, 5);
  const buyer = await shopper(shop.call);
  const added = await shop.call("POST", "/api/v1/cart/items", { token: buyer.access, body: { skuId, quantity: 1 } });
  assert.equal(added.status, 200, added.text);
  traceId = randomBytes(16).toString("hex");
  const traceparent = `00-${traceId}-${randomBytes(8).toString("hex")}-01`;
  const key = randomUUID();
  let order = await shop.call("POST", "/api/v1/orders", {
    token: buyer.access,
    body: { addressId: buyer.addressId },
    headers: { traceparent, "idempotency-key": key },
  });
  // A loaded machine may answer a first attempt 5xx; the same key makes a retry safe.
  for (let i = 0; i < 5 && order.status >= 500; i++) {
    await sleep(1000);
    order = await shop.call("POST", "/api/v1/orders", {
      token: buyer.access,
      body: { addressId: buyer.addressId },
      headers: { traceparent, "idempotency-key": key },
    });
  }
  assert.equal(order.status, 200, order.text);
});

after(() => shop?.stop());

/** The distinct values of an attribute over what `locator` matches. */
async function attributes(locator: Locator, name: string): Promise<Set<string | null>> {
  return new Set(await Promise.all((await locator.all()).map((l) => l.getAttribute(name))));
}

/** Opens an ops page and waits for its heading (the data's loading state is over when `ready` shows). */
async function visit(page: Page, path: string, heading: string): Promise<void> {
  await page.goto(path);
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
}

void test("the operations view shows every service healthy and the checkout's trace across services, at 375 and 1280 px", async () => {
  for (const size of [phone, desktop]) {
    const ctx = await shop.context(size);
    const page = await ctx.newPage();
    await signInUi(page, shop.admin.username, shop.admin.password);

    // Services: every one healthy (the page reads again every 5 s until they are).
    await visit(page, "/admin/ops", "Services and instances");
    await page.getByText("13 of 13 services healthy").waitFor({ timeout: 90_000 });
    const rows = page.locator("tr[data-service]");
    const services = await attributes(rows, "data-service");
    assert.equal(services.size, 13, [...services].join(","));
    assert.equal(await page.getByText("Unhealthy").count(), 0);
    assert.equal(await rows.getByText("Healthy", { exact: true }).count(), await rows.count());
    await shot(page, "ops-services");

    // Traces: the checkout is in the list (filtered by its route), and its waterfall spans several services.
    const tabs = page.getByRole("navigation", { name: "Operations" });
    await tabs.getByRole("link", { name: "Traces" }).click();
    await page.getByRole("heading", { level: 1, name: "Recent traces" }).waitFor();
    await page.getByLabel("Filter by request").fill("POST /api/v1/orders");
    const link = page.locator(`a[href="/admin/ops/traces/${traceId}"]`);
    await link.waitFor();
    assert.equal(await link.textContent(), "POST /api/v1/orders");
    await shot(page, "ops-traces");
    await link.click();
    await page.getByRole("heading", { level: 1, name: "Trace" }).waitFor();
    const spans = page.locator(".waterfall li[data-service]");
    await spans.first().waitFor();
    const inTrace = await attributes(spans, "data-service");
    assert.ok(inTrace.has("gateway") && inTrace.has("order") && inTrace.size >= 3, [...inTrace].join(","));
    // Bars are laid out within the track: the root (the gateway's span) starts at 0; events handled later extend the trace.
    const style = (await spans.first().locator(".span-bar").getAttribute("style")) ?? "";
    assert.match(style, /left: 0%/);
    assert.ok(Number(/width: ([\d.]+)%/.exec(style)?.[1]) > 0, style);
    await shot(page, "ops-trace");

    // Routes: the checkout's route with its figures.
    await visit(page, "/admin/ops/routes", "Routes");
    const orders = page.getByRole("row").filter({ hasText: "POST /api/v1/orders" });
    await orders.waitFor();
    assert.match((await orders.textContent()) ?? "", /ms/);
    await shot(page, "ops-routes");

    // The bus: every durable group listed, no dead letters.
    await visit(page, "/admin/ops/bus", "Event bus");
    await page.locator('tr[data-group="cart.ordered-lines"]').waitFor();
    await shot(page, "ops-bus");

    // Dead letters: a group chosen by its label shows none.
    await tabs.getByRole("link", { name: "Dead letters" }).click();
    await page.getByRole("heading", { level: 1, name: "Dead letters" }).waitFor();
    await page.getByLabel("Consumer group").selectOption("cart.ordered-lines");
    await page.getByText("No dead letters in this group.").waitFor();
    await shot(page, "ops-dead-letters");

    assertNoProblems(page);
    await ctx.close();
  }
});
