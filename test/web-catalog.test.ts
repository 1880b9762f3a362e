// The storefront's catalog in Chromium: an admin creates "新鲜西红柿 500g" with two SKUs (through the
// API); a guest finds it with the autocomplete and the search (highlighted), picks the 1 kg SKU, adds
// 2 to the cart, sees the badge and the line; the admin raises that SKU's price and the cart flags it;
// the guest signs up and the merged cart still has the line. Home, list, search, product and cart are
// screenshotted at 1280 and 375 px, and no page logs an error.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { waitFor } from "@shop/testkit/wait";
import type { Page } from "playwright-core";
import { assertNoProblems, desktop, open, phone, shot, startWebShop, type WebShop } from "./web/harness.ts";

let shop: WebShop;
const title = "新鲜西红柿 500g";
let productId = "";
let skus: { id: string; weight: string }[] = [];

before(async () => {
  // The harness gives every service and the gateway generous deadlines; the product page's
  // availability read (product -> inventory) needs one too on two shared cores.
  shop = await startWebShop({ SHOP_PRODUCT_INVENTORY_TIMEOUT_MS: "20000" });
  const token = shop.adminToken;
  const category = await shop.call("POST", "/api/v1/admin/categories", { token, body: { name: "蔬菜" } });
  assert.equal(category.status, 200, category.text);
  const product = await shop.call("POST", "/api/v1/admin/products", {
    token,
    body: {
      title,
      subtitle: "当季新鲜 产地直发",
      brand: "田园",
      categoryId: category.json.id,
      skus: [
        { priceMinor: "990", compareAtPriceMinor: "1290", currency: "CNY", specs: [{ key: "weight", value: "500g" }] },
        { priceMinor: "1790", currency: "CNY", specs: [{ key: "weight", value: "1kg" }] },
      ],
    },
  });
  assert.equal(product.status, 200, product.text);
  productId = product.json.id as string;
  skus = (product.json.skus as { id: string; specs: { value: string }[] }[]).map((s) => ({ id: s.id, weight: s.specs[0]!.value }));
  assert.equal((await shop.call("POST", `/api/v1/admin/products/${productId}/publish`, { token })).status, 200);
  for (const sku of skus) {
    const set = await shop.call("PUT", `/api/v1/admin/inventory/${sku.id}`, { token, body: { onHand: 30, reason: "initial stock" } });
    assert.equal(set.status, 200, set.text);
  }
  await waitFor(
    "the product in the search",
    async () => {
      const res = await shop.call("GET", `/api/v1/search?q=${encodeURIComponent("西红柿")}`);
      return (res.json.hits as unknown[] | undefined)?.length ? true : undefined;
    },
    30_000,
    200,
  );
});

after(async () => {
  await shop?.stop();
});

void test("a guest searches, picks a SKU, adds it, sees a changed price flagged, signs up and keeps the cart", async () => {
  const ctx = await shop.context(desktop);
  const page = await open(ctx, "/");
  await page.getByRole("heading", { name: "New arrivals" }).waitFor();
  await page.getByRole("link", { name: title }).first().waitFor();
  // The first page's figures, as this browser saw them (printed for the report).
  // (The root tsconfig has no DOM types: the page's code goes as a string.)
  const perf = await page.evaluate<{ domContentLoadedMs: number; scriptBytesOnWire: number; scripts: number }>(`(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const scripts = performance.getEntriesByType("resource").filter((r) => r.name.endsWith(".js"));
    return { domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd), scriptBytesOnWire: scripts.reduce((n, s) => n + s.transferSize, 0), scripts: scripts.length };
  })()`);
  console.log("first page:", JSON.stringify(perf));
  await shot(page, "catalog-home");
  assertNoProblems(page);

  await page.getByRole("link", { name: "蔬菜" }).click();
  await page.getByRole("heading", { name: "蔬菜", level: 1 }).waitFor();
  await page.getByRole("link", { name: title }).waitFor();
  await page.getByLabel("Sort by").selectOption("price_asc");
  await page.waitForURL((u) => u.searchParams.get("sort") === "price_asc");
  await page.getByRole("link", { name: title }).waitFor();
  await shot(page, "catalog-list");
  assertNoProblems(page);

  // Autocomplete as you type: the typed part is marked in the suggestion.
  const box = page.getByRole("combobox", { name: "Search products" });
  await box.pressSequentially("西红", { delay: 50 });
  const option = page.getByRole("option", { name: new RegExp(title) });
  await option.waitFor();
  assert.match((await option.locator("mark").first().textContent()) ?? "", /西红/);
  assert.equal(await box.getAttribute("aria-expanded"), "true");
  await box.press("Escape");
  assert.equal(await box.getAttribute("aria-expanded"), "false");
  await box.fill("西红柿");
  await box.press("Enter");
  await page.waitForURL((u) => u.pathname === "/search" && u.searchParams.get("q") === "西红柿");
  // The router changes the URL first and renders the new page in a transition: until the results'
  // heading shows, the home page (with the product in two of its lists) may still be on screen.
  await page.getByRole("heading", { name: "Results for “西红柿”", level: 1 }).waitFor();
  const hit = page.getByRole("link", { name: title });
  await hit.waitFor();
  assert.match((await hit.locator("mark").first().textContent()) ?? "", /西红柿|西红|柿/);
  await shot(page, "catalog-search");
  assertNoProblems(page);

  await hit.click();
  await page.getByRole("heading", { name: title, level: 1 }).waitFor();
  await page.getByText("In stock: 30").waitFor();
  await page.getByRole("radio", { name: "1kg" }).check();
  await page.getByText("¥17.90").first().waitFor();
  await page.getByLabel("Quantity").fill("2");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page.getByText("Added to your cart.").waitFor();
  await page.getByRole("link", { name: "Cart, lines: 1" }).waitFor();
  await shot(page, "catalog-product");
  assertNoProblems(page);

  await page.getByRole("link", { name: "View cart" }).click();
  await page.getByRole("heading", { name: "Cart", level: 1 }).waitFor();
  await page.getByText("weight: 1kg").waitFor();
  assert.equal(await page.getByLabel(`Quantity of ${title}`).inputValue(), "2");
  await page.getByText("Total (2 items):").waitFor();
  await shot(page, "catalog-cart");

  // The admin raises the price of the SKU in the cart: the cart says so.
  const oneKg = skus.find((s) => s.weight === "1kg")!;
  const raise = await shop.call("PATCH", `/api/v1/admin/skus/${oneKg.id}`, { token: shop.adminToken, body: { priceMinor: "1990" } });
  assert.equal(raise.status, 200, raise.text);
  await waitFor(
    "the changed price flagged",
    async () => {
      await page.reload();
      await page.getByRole("heading", { name: "Cart", level: 1 }).waitFor();
      return (await page.getByText(/Price went up \(was CN¥17\.90\)/).isVisible()) ? true : undefined;
    },
    30_000,
    500,
  );
  await page.getByText("¥19.90").first().waitFor();
  await shot(page, "catalog-cart-flagged");
  assertNoProblems(page);

  // Signing up merges the guest's cart into the new account's.
  await page.goto("/signup");
  const name = `cat${process.pid}`;
  await page.getByLabel("Username").fill(name);
  await page.getByLabel("Email").fill(`${name}@example.com`);
  await page.getByLabel("Password").fill("correct-horse-battery");
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.waitForURL((u) => u.pathname === "/");
  await page.getByRole("link", { name: "My account" }).waitFor();
  await page.getByRole("link", { name: "Cart, lines: 1" }).click();
  await page.getByText("weight: 1kg").waitFor();
  assert.equal(await page.getByLabel(`Quantity of ${title}`).inputValue(), "2");
  assert.equal(await page.evaluate<string | null>(`localStorage.getItem("shop.guestCart")`), null);
  await shot(page, "catalog-cart-merged");
  assertNoProblems(page);
  await ctx.close();
});

/** A phone's page scrolls down, never sideways. */
async function fitsPhone(page: Page): Promise<void> {
  const width = await page.evaluate<number>("document.documentElement.scrollWidth");
  assert.ok(width <= phone.width, `${page.url()} is ${width} px wide`);
}

void test("the catalog's pages on a 375 px phone", async () => {
  const ctx = await shop.context(phone);
  const page = await open(ctx, "/");
  await page.getByRole("link", { name: title }).first().waitFor();
  await fitsPhone(page);
  await shot(page, "catalog-home");
  await page.goto("/products");
  await page.getByRole("link", { name: title }).waitFor();
  await fitsPhone(page);
  await shot(page, "catalog-list");
  await page.goto(`/search?q=${encodeURIComponent("西红柿")}`);
  await page.getByRole("link", { name: title }).waitFor();
  await fitsPhone(page);
  await shot(page, "catalog-search");
  await page.goto(`/p/${productId}`);
  await page.getByRole("heading", { name: title, level: 1 }).waitFor();
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page.getByText("Added to your cart.").waitFor();
  await fitsPhone(page);
  await shot(page, "catalog-product");
  await page.goto("/cart");
  await page.getByText("weight: 500g").waitFor();
  await fitsPhone(page);
  await shot(page, "catalog-cart");
  assertNoProblems(page);
  await ctx.close();
});
