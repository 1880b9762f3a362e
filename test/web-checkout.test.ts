// The shopper's journey in Chromium: a guest's cart (filled through the API), sign up from a page
// that needs it and come back, claim a coupon, check out with a new address and the coupon, pay on
// the sandbox page, come back and see the order PAID with its status history, the "paid" message
// in the inbox with the unread badge, and an empty wallet. Every page at 375 and 1280 px.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { waitFor } from "@shop/testkit/wait";
import type { Page } from "playwright-core";
import { createSku, type Shop } from "./checkout-shop.ts";
import { couponTemplate } from "./coupon-shop.ts";
import { assertNoProblems, desktop, phone, shot, startWebShop, type WebShop } from "./web/harness.ts";

let web: WebShop;
let shop: Shop;

before(async () => {
  const patient = { SHOP_RPC_TIMEOUT_MS: "30000", SHOP_CART_PRODUCT_TIMEOUT_MS: "30000" };
  web = await startWebShop(patient);
  const category = await web.call("POST", "/api/v1/admin/categories", { token: web.adminToken, body: { name: "Teapots" } });
  assert.equal(category.status, 200, category.text);
  shop = { stack: web.stack, call: web.call, adminToken: web.adminToken, categoryId: category.json.id as string };
});

after(async () => {
  await web?.stop();
});

/** The page at both sizes, kept as artifacts, and nothing wrong in it. */
async function screens(page: Page, name: string): Promise<void> {
  await page.setViewportSize(phone);
  await shot(page, name);
  await page.setViewportSize(desktop);
  await shot(page, name);
  assertNoProblems(page);
}

void test("a guest signs up, claims a coupon, checks out with a new address and the coupon, pays on the sandbox and sees PAID", async () => {
  const { productId, skuId } = await createSku(shop, 5, 2500);
  const product = await web.call("GET", `/api/v1/products/${productId}`);
  const title = product.json.title as string;
  const couponName = `Five off ${process.pid}`;
  await couponTemplate(shop, { name: couponName, kind: "COUPON_KIND_FIXED_AMOUNT", amountOffMinor: "500" });

  const guest = await web.call("POST", "/api/v1/guest-carts", { body: {} });
  assert.equal(guest.status, 200, guest.text);
  const cartToken = guest.json.cartToken as string;
  const added = await web.call("POST", `/api/v1/guest-carts/${cartToken}/items`, { body: { skuId, quantity: 1 } });
  assert.equal(added.status, 200, added.text);

  const ctx = await web.context(desktop);
  const page = await ctx.newPage();
  await page.goto("/");
  await page.evaluate(`localStorage.setItem("shop.guestCart", ${JSON.stringify(cartToken)})`);

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

  // The merged cart's line is what the checkout quotes.
  await page.goto("/checkout");
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

  const coupon = page.getByLabel("Coupon");
  const option = coupon.locator("option", { hasText: couponName });
  const couponId = await option.getAttribute("value");
  assert.ok(couponId, "the claimed coupon is offered");
  await coupon.selectOption(couponId);
  await page.getByTestId("total").filter({ hasText: "20.00" }).waitFor();
  assert.match(await page.locator(".amounts").innerText(), /−€5\.00/);
  await screens(page, "checkout");

  // Place order → the sandbox's page → Pay → back to the shop.
  await page.getByRole("button", { name: "Place order" }).click();
  await page.waitForURL((u) => u.pathname.startsWith("/sandbox/checkout/"));
  await page.getByText("€20.00").waitFor();
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
  await history.getByText("Paid").waitFor();
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
  assert.match(await page.locator(".inbox").innerText(), /paid/i);
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
