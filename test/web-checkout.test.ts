// The shopper's journey in Chromium: a guest searches 西红柿, opens the product, picks a SKU and adds
// it; signs up from a page that needs it and comes back; claims a coupon; sees the cart merged;
// checks out with a new address and the coupon; pays on the sandbox page, comes back and sees the
// order PAID with its status history, the "paid" message in the inbox with the unread badge, and an
// empty wallet. Every page at 375 and 1280 px.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { waitFor } from "@shop/testkit/wait";
import type { Shop } from "./checkout-shop.ts";
import { couponTemplate } from "./coupon-shop.ts";
import { desktop, screens, shot, startWebShop, type WebShop } from "./web/harness.ts";

let web: WebShop;
let categoryId: string;

before(async () => {
  web = await startWebShop();
  const category = await web.call("POST", "/api/v1/admin/categories", { token: web.adminToken, body: { name: "Teapots" } });
  assert.equal(category.status, 200, category.text);
  categoryId = category.json.id as string;
});

after(async () => {
  await web?.stop();
});

const title = "新鲜西红柿 500g";

/** A published product with two SKUs in CNY (500 g, 1 kg), 5 of each in stock, found by the search. */
async function tomatoes(): Promise<void> {
  const token = web.adminToken;
  const skus = [
    { priceMinor: "990", currency: "CNY", specs: [{ key: "weight", value: "500g" }] },
    { priceMinor: "1790", currency: "CNY", specs: [{ key: "weight", value: "1kg" }] },
  ];
  const product = await web.call("POST", "/api/v1/admin/products", { token, body: { title, categoryId, brand: "田园", skus } });
  assert.equal(product.status, 200, product.text);
  const productId = product.json.id as string;
  assert.equal((await web.call("POST", `/api/v1/admin/products/${productId}/publish`, { token })).status, 200);
  for (const sku of product.json.skus as { id: string }[]) {
    const stock = await web.call("PUT", `/api/v1/admin/inventory/${sku.id}`, { token, body: { onHand: 5, reason: "initial stock" } });
    assert.equal(stock.status, 200, stock.text);
  }
  await waitFor(
    "the product in the search",
    async () => ((await web.call("GET", `/api/v1/search?q=${encodeURIComponent("西红柿")}`)).json.hits as unknown[] | undefined)?.length || undefined,
    30_000,
    200,
  );
}

void test("a guest searches 西红柿, adds a SKU, signs up, checks out with a new address and a coupon, pays on the sandbox and sees PAID", async () => {
  await tomatoes();
  const couponName = `Five off ${process.pid}`;
  await couponTemplate({ call: web.call, adminToken: web.adminToken } as Shop, {
    name: couponName,
    kind: "COUPON_KIND_FIXED_AMOUNT",
    amountOffMinor: "500",
    currency: "CNY",
  });

  const ctx = await web.context(desktop);
  const page = await ctx.newPage();
  await page.goto("/");
  const box = page.getByRole("combobox", { name: "Search products" });
  await box.fill("西红柿");
  await box.press("Enter");
  await page.waitForURL((u) => u.pathname === "/search" && u.searchParams.get("q") === "西红柿");
  // The router changes the URL first and renders the new page in a transition: until the results'
  // heading shows, the home page (with the product in two of its lists) may still be on screen.
  await page.getByRole("heading", { name: "Results for “西红柿”", level: 1 }).waitFor();
  await page.getByRole("link", { name: title }).click();
  await page.getByRole("heading", { name: title, level: 1 }).waitFor();
  await page.getByRole("radio", { name: "1kg" }).check();
  await page.getByText("¥17.90").first().waitFor();
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page.getByText("Added to your cart.").waitFor();
  await screens(page, "journey-product");

  // A page that needs a shopper sends the guest to sign in, and signing up brings them back.
  await page.goto("/account/coupons");
  await page.waitForURL((u) => u.pathname === "/signin" && u.searchParams.get("needed") === "1" && u.searchParams.get("next") === "/account/coupons");
  await page.getByRole("link", { name: /Create an account/ }).click();
  const name = `buyer${process.pid}`;
  await page.getByLabel("Username").fill(name);
  await page.getByLabel("Email").fill(`${name}@example.com`);
  await page.getByLabel("Password").fill("correct-horse-battery");
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.waitForURL((u) => u.pathname === "/account/coupons");

  await page.getByRole("button", { name: `Claim ${couponName}` }).click();
  await page.getByRole("region", { name: "My coupons" }).getByText("Available").waitFor();
  await screens(page, "account-coupons");

  // Signing up merged the guest's cart: its line is in the shopper's cart, and the checkout quotes it.
  await page.goto("/cart");
  await page.getByText("weight: 1kg").waitFor();
  await screens(page, "journey-cart-merged");
  await page.getByRole("button", { name: "Check out", exact: true }).click();
  await page.waitForURL((u) => u.pathname === "/checkout");
  await page.getByRole("link", { name: title }).waitFor();
  await page.getByRole("button", { name: "Add a new address" }).click();
  await page.getByLabel("Recipient").fill("Ada Lovelace");
  await page.getByLabel("Phone").fill("+44 20 7946 0000");
  await page.getByLabel(/Country code/).fill("GB");
  await page.getByLabel("City", { exact: true }).fill("London");
  await page.getByLabel("Street address").fill("12 St James's Square");
  await page.getByLabel("Postal code").fill("SW1Y 4LB");
  await page.getByRole("button", { name: "Save address" }).click();
  await page.getByRole("radio", { name: /Ada Lovelace/ }).waitFor();
  assert.ok(await page.getByRole("radio", { name: /Ada Lovelace/ }).isChecked());

  const coupon = page.getByRole("combobox", { name: "Coupon" });
  const option = coupon.locator("option", { hasText: couponName });
  const couponId = await option.getAttribute("value");
  assert.ok(couponId, "the claimed coupon is offered");
  await coupon.selectOption(couponId);
  await page
    .locator(".amounts")
    .getByText(/−CN¥5\.00/)
    .waitFor(); // en-US writes yuan as CN¥
  await screens(page, "checkout");

  // Place order → the sandbox's page → Pay → back to the shop.
  await page.getByRole("button", { name: "Place order" }).click();
  await page.waitForURL((u) => u.pathname.startsWith("/sandbox/checkout/"));
  await page
    .getByText(/¥\d+\.\d\d/)
    .first()
    .waitFor();
  await shot(page, "sandbox");
  await page.getByRole("button", { name: "Pay" }).click();
  await page.waitForURL((u) => u.searchParams.get("submitted") === "1");
  // The page refreshes itself until the provider's webhook lands; then it says Paid and stays.
  await page.getByText("Paid", { exact: true }).waitFor({ timeout: 60_000 });
  await page.getByRole("link", { name: "Return to the shop" }).click();
  await page.waitForURL((u) => u.pathname.startsWith("/account/orders/"), { timeout: 30_000 });
  await page.getByTestId("order-status").filter({ hasText: "Paid" }).waitFor({ timeout: 90_000 });
  const history = page.getByRole("region", { name: "Status history" });
  await history.getByText("Awaiting payment").waitFor();
  await history.getByText("Paid", { exact: true }).waitFor();
  await screens(page, "account-order");

  await page.goto("/account/orders");
  await page.getByText("Paid").first().waitFor();
  await screens(page, "account-orders");

  // The "paid" message reaches the inbox through the bus; the badge counts it.
  await waitFor(
    "the paid message in the inbox",
    async () => {
      await page.goto("/account/inbox");
      await page.getByRole("heading", { name: "Messages", level: 1 }).waitFor();
      return (await page.locator(".inbox li.unread").count()) > 0 ? true : undefined;
    },
    60_000,
    1000,
  );
  assert.match(await page.locator(".inbox").innerText(), /Payment received/);
  await page.setViewportSize(desktop);
  await page.getByTestId("unread").waitFor();
  await screens(page, "account-inbox");
  await page.getByRole("button", { name: "Mark all read" }).click();
  await page.getByTestId("unread").waitFor({ state: "detached" });

  await page.goto("/account/wallet");
  assert.match(await page.getByTestId("balance").innerText(), /0\.00/);
  await page.getByText("No movements yet.").waitFor();
  await screens(page, "account-wallet");

  await page.goto("/account");
  await page.getByLabel("Display name").fill("Ada");
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByText("Saved.").waitFor();
  await screens(page, "account");
  await page.goto("/account/addresses");
  await page.getByText(/Ada Lovelace/).waitFor();
  await screens(page, "account-addresses");
  await ctx.close();
});
