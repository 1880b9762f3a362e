// The account area's actions in Chromium: a shopper signs up, checks out with a new address and
// leaves the order unpaid, then cancels it on its page (the stock held comes back); pays a second
// order from its page on the sandbox, and once the admin has shipped it confirms receipt and writes
// a review that the product's page then shows; tops the wallet up on the sandbox and sees the new
// balance and its statement line. Every page at 375 and 1280 px.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { waitFor } from "@shop/testkit/wait";
import type { BrowserContext, Page } from "playwright-core";
import { placeOrder, type Shopper } from "./checkout-shop.ts";
import { desktop, screens, shot, signInUi, startWebShop, type WebShop } from "./web/harness.ts";

let web: WebShop;
let categoryId: string;
/** The shopper of every test: signed up in the first one, signed in again in the others. */
let buyer: { username: string; password: string; ctx?: BrowserContext };

before(async () => {
  web = await startWebShop();
  const category = await web.call("POST", "/api/v1/admin/categories", { token: web.adminToken, body: { name: "Teapots" } });
  assert.equal(category.status, 200, category.text);
  categoryId = category.json.id as string;
});

after(async () => {
  await web?.stop();
});

/** A published product with one SKU at ¥25.00 (no image: a missing image would be a failed request), 5 in stock. */
async function product(title: string): Promise<{ productId: string; skuId: string }> {
  const token = web.adminToken;
  const created = await web.call("POST", "/api/v1/admin/products", {
    token,
    body: { title, categoryId, brand: "Acme", skus: [{ priceMinor: "2500", currency: "CNY", specs: [{ key: "colour", value: "blue" }] }] },
  });
  assert.equal(created.status, 200, created.text);
  const productId = created.json.id as string;
  const skuId = (created.json.skus as { id: string }[])[0]!.id;
  assert.equal((await web.call("POST", `/api/v1/admin/products/${productId}/publish`, { token })).status, 200);
  const set = await web.call("PUT", `/api/v1/admin/inventory/${skuId}`, { token, body: { onHand: 5, reason: "initial stock" } });
  assert.equal(set.status, 200, set.text);
  return { productId, skuId };
}

async function available(skuId: string): Promise<number> {
  const res = await web.call("GET", `/api/v1/admin/inventory/${skuId}`, { token: web.adminToken });
  assert.equal(res.status, 200, res.text);
  return res.json.available as number;
}

/** The shopper's API token (a sign-in of their own, as curl would). */
async function tokenOf(login: string, password: string): Promise<string> {
  const res = await web.call("POST", "/api/v1/auth/login", { body: { login, password } });
  assert.equal(res.status, 200, res.text);
  return res.json.accessToken as string;
}

/** On the sandbox's page: Pay, wait for the provider's webhook to land, and go back to the shop. */
async function payOnSandboxPage(page: Page): Promise<void> {
  await page.waitForURL((u) => u.pathname.startsWith("/sandbox/checkout/"));
  await page.getByRole("button", { name: "Pay" }).click();
  await page.waitForURL((u) => u.searchParams.get("submitted") === "1");
  await page.getByText("Paid", { exact: true }).waitFor({ timeout: 60_000 });
  await shot(page, "account-sandbox");
  await page.getByRole("link", { name: "Return to the shop" }).click();
}

async function signedIn(): Promise<Page> {
  buyer.ctx ??= await web.context(desktop);
  const page = await buyer.ctx.newPage();
  await signInUi(page, buyer.username, buyer.password);
  return page;
}

void test("a shopper checks out, leaves the order unpaid and cancels it on its page; the stock held comes back", async () => {
  const title = `Cancel teapot ${randomUUID().slice(0, 6)}`;
  const { skuId } = await product(title);
  const before = await available(skuId);

  const ctx = await web.context(desktop);
  const page = await ctx.newPage();
  await page.goto("/signup");
  const name = `acct${process.pid}`;
  buyer = { username: name, password: "correct-horse-battery", ctx };
  await page.getByLabel("Username").fill(name);
  await page.getByLabel("Email").fill(`${name}@example.com`);
  await page.getByLabel("Password").fill(buyer.password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.waitForURL((u) => u.pathname !== "/signup");
  const token = await tokenOf(name, buyer.password);
  const added = await web.call("POST", "/api/v1/cart/items", { token, body: { skuId, quantity: 2 } });
  assert.equal(added.status, 200, added.text);

  await page.goto("/cart");
  await page.getByText(title).first().waitFor();
  await page.getByRole("button", { name: "Check out", exact: true }).click();
  await page.waitForURL((u) => u.pathname === "/checkout");
  await page.getByRole("button", { name: "Add a new address" }).click();
  await page.getByLabel("Recipient").fill("Ada Lovelace");
  await page.getByLabel("Phone").fill("+44 20 7946 0000");
  await page.getByLabel(/Country code/).fill("GB");
  await page.getByLabel("City", { exact: true }).fill("London");
  await page.getByLabel("Street address").fill("12 St James's Square");
  await page.getByLabel("Postal code").fill("SW1Y 4LB");
  await page.getByRole("button", { name: "Save address" }).click();
  await page.getByRole("radio", { name: /Ada Lovelace/ }).waitFor();
  await page.getByRole("button", { name: "Place order" }).click();
  // The sandbox's page opens; the shopper does not pay and goes to their orders instead.
  await page.waitForURL((u) => u.pathname.startsWith("/sandbox/checkout/"));
  await waitFor("the stock held", async () => ((await available(skuId)) === before - 2 ? true : undefined), 30_000, 200);

  await page.goto("/account/orders");
  await page.getByRole("link", { name: /^Order / }).click();
  await page.waitForURL((u) => /^\/account\/orders\/[^/]+$/.test(u.pathname));
  const orderId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
  const status = page.getByTestId("order-status");
  await status.filter({ hasText: "Awaiting payment" }).waitFor();
  await page.getByRole("button", { name: "Pay now" }).waitFor();
  await screens(page, "account-order-unpaid");

  // Cancel asks first: dismissing the question leaves the order as it is.
  page.once("dialog", (d) => {
    assert.equal(d.message(), "Cancel this order?");
    void d.dismiss();
  });
  await page.getByRole("button", { name: "Cancel order" }).click();
  assert.equal((await web.call("GET", `/api/v1/orders/${orderId}`, { token })).json.status, "ORDER_STATUS_AWAITING_PAYMENT");
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Cancel order" }).click();
  await status.filter({ hasText: "Cancelled" }).waitFor();
  await page.getByText("Cancelled: cancelled by the shopper").waitFor();
  assert.equal(await page.getByRole("button", { name: "Cancel order" }).count(), 0, "nothing left to do");
  assert.equal(await page.getByRole("button", { name: "Pay now" }).count(), 0);
  await page.getByRole("region", { name: "Status history" }).getByText("Cancelled", { exact: true }).waitFor();
  await screens(page, "account-order-cancelled");

  const order = await web.call("GET", `/api/v1/orders/${orderId}`, { token });
  assert.equal(order.status, 200, order.text);
  assert.equal(order.json.status, "ORDER_STATUS_CANCELLED");
  await waitFor("the stock back", async () => ((await available(skuId)) === before ? true : undefined), 30_000, 200);
  await page.close();
});

void test("the shopper pays an order from its page, confirms receipt once shipped, and reviews it; the product's page shows the review", async () => {
  assert.ok(buyer, "the first test signed the shopper up");
  const title = `Review teapot ${randomUUID().slice(0, 6)}`;
  const { productId, skuId } = await product(title);
  const token = await tokenOf(buyer.username, buyer.password);
  const addresses = await web.call("GET", "/api/v1/users/me/addresses", { token });
  assert.equal(addresses.status, 200, addresses.text);
  const addressId = (addresses.json.addresses as { id: string }[])[0]!.id;
  assert.equal((await web.call("POST", "/api/v1/cart/items", { token, body: { skuId, quantity: 1 } })).status, 200);
  const placed = await placeOrder(web.call, { id: "", access: token, addressId } satisfies Shopper);
  assert.equal(placed.status, 200, placed.text);
  const orderId = placed.json.id as string;

  const page = await signedIn();
  await page.goto(`/account/orders/${orderId}`);
  const status = page.getByTestId("order-status");
  await status.filter({ hasText: "Awaiting payment" }).waitFor();
  await page.getByRole("button", { name: "Pay now" }).click();
  await payOnSandboxPage(page);
  await page.waitForURL((u) => u.pathname === `/account/orders/${orderId}`);
  await status.filter({ hasText: "Paid" }).waitFor({ timeout: 90_000 });
  assert.equal(await page.getByRole("button", { name: "Confirm receipt" }).count(), 0, "not before it ships");

  const shipped = await web.call("POST", `/api/v1/admin/orders/${orderId}/ship`, {
    token: web.adminToken,
    body: { carrier: "SF Express", trackingNumber: "SF1234567890" },
  });
  assert.equal(shipped.status, 200, shipped.text);
  await page.reload();
  await status.filter({ hasText: "Shipped" }).waitFor();
  await screens(page, "account-order-shipped");
  await page.getByRole("button", { name: "Confirm receipt" }).click();
  await status.filter({ hasText: "Completed" }).waitFor();
  assert.equal(await page.getByRole("button", { name: "Confirm receipt" }).count(), 0);
  const done = await web.call("GET", `/api/v1/orders/${orderId}`, { token });
  assert.equal(done.json.status, "ORDER_STATUS_COMPLETED", done.text);

  // The completed order's line can be reviewed from its page.
  const reviews = page.getByRole("region", { name: "Reviews" });
  await reviews.getByRole("button", { name: "Write a review" }).click();
  await reviews.getByLabel("Rating").selectOption("4");
  const words = `Pours well, no drips ${randomUUID().slice(0, 6)}`;
  await reviews.getByLabel("Your review").fill(words);
  await screens(page, "account-review-form");
  await reviews.getByRole("button", { name: "Post review" }).click();
  await reviews.getByText("Every item of this order is reviewed.").waitFor();
  const mine = await web.call("GET", "/api/v1/reviews/mine", { token });
  assert.equal(mine.status, 200, mine.text);
  const review = (mine.json.reviews as { orderId: string; rating: number; text: string }[]).find((r) => r.orderId === orderId);
  assert.ok(review, mine.text);
  assert.equal(review.rating, 4);
  assert.equal(review.text, words);
  await screens(page, "account-order-reviewed");

  // The storefront shows it (public reads may lag by the gateway's microcache: the locator waits).
  await page.goto(`/p/${productId}`);
  await page.getByRole("heading", { name: title, level: 1 }).waitFor();
  // Nobody asked for its reviews before, so no microcache holds an older answer: the locator waits.
  await page.getByRole("region", { name: "Reviews" }).getByText(words).waitFor();
  await screens(page, "account-product-reviewed");
  await page.close();
});

void test("the shopper tops the wallet up on the sandbox and comes back to the new balance and its statement line", async () => {
  assert.ok(buyer, "the first test signed the shopper up");
  const token = await tokenOf(buyer.username, buyer.password);
  const page = await signedIn();
  await page.goto("/account/wallet");
  const balance = page.getByTestId("balance");
  await balance.filter({ hasText: /0\.00/ }).waitFor();
  await page.getByText("No movements yet.").waitFor();

  // A malformed amount is refused by the form itself: no top-up, the page stays.
  const amount = page.getByLabel("Amount to add (CNY)");
  await amount.fill("12.345");
  await page.getByRole("button", { name: "Top up" }).click();
  assert.equal(await page.locator("input[name=amount]:invalid").count(), 1, "the browser refuses the amount");
  assert.equal(new URL(page.url()).pathname, "/account/wallet");

  await amount.fill("50.00");
  await screens(page, "account-wallet-top-up");
  await page.getByRole("button", { name: "Top up" }).click();
  await payOnSandboxPage(page);
  await page.waitForURL((u) => u.pathname === "/account/wallet");
  await balance.filter({ hasText: "CN¥50.00" }).waitFor();
  const statement = page.getByRole("region", { name: "Statement" });
  const line = statement.getByRole("row").filter({ hasText: "Top-up" });
  await line.waitFor();
  assert.match(await line.innerText(), /CN¥50\.00[\s\S]*CN¥50\.00/);
  await screens(page, "account-wallet");

  const wallet = await web.call("GET", "/api/v1/wallet", { token });
  assert.equal(wallet.status, 200, wallet.text);
  const cny = (wallet.json.balances as { currency: string; balanceMinor: string }[]).find((b) => b.currency === "CNY");
  assert.equal(cny?.balanceMinor, "5000", wallet.text);
  const movements = await web.call("GET", "/api/v1/wallet/statement", { token });
  assert.equal(movements.status, 200, movements.text);
  const [m, ...rest] = movements.json.movements as { kind: string; amountMinor: string; balanceAfterMinor: string }[];
  assert.equal(rest.length, 0, movements.text);
  assert.equal(m!.kind, "MOVEMENT_KIND_TOP_UP");
  assert.equal(m!.amountMinor, "5000");
  assert.equal(m!.balanceAfterMinor, "5000");
  await page.close();
  await buyer.ctx?.close();
});
