// The admin console's catalog pages in Chromium: an admin signs in through the app, creates a
// category, a product with two SKUs (red, blue), uploads an image, sets both SKUs' stock and
// publishes; a guest then finds the product by search. Every page of the area at 375 and 1280 px,
// with no console errors.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { deflateSync } from "node:zlib";
import { after, before, test } from "node:test";
import { waitFor } from "@shop/testkit/wait";
import type { Page } from "playwright-core";
import { assertNoProblems, desktop, open, phone, shot, signInUi, startWebShop, type WebShop } from "./web/harness.ts";

let shop: WebShop;

before(async () => {
  shop = await startWebShop();
});

after(async () => {
  await shop?.stop();
});

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf: Buffer) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** A 16×16 PNG of one colour, made here (no fixture file). */
function png(r: number, g: number, b: number): Buffer {
  const size = 16;
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => [r, g, b]).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header), chunk("IDAT", pixels), chunk("IEND", Buffer.alloc(0))]);
}

/** Letters only, so the search tokenizer sees one word. */
const word = () =>
  Array.from(randomBytes(6), (b) => String.fromCharCode(97 + (b % 26)))
    .join("")
    .replace(/^./, (c) => c.toUpperCase());

async function setStock(page: Page, skuIndex: number, units: number) {
  await page.getByLabel("SKU", { exact: true }).selectOption({ index: skuIndex });
  await page.getByLabel("Units on hand").fill(String(units));
  await page.getByLabel("Reason for the stock take").fill(`first delivery ${skuIndex}`);
  await page.getByRole("button", { name: "Set stock" }).click();
  await page.getByRole("cell", { name: `first delivery ${skuIndex}` }).waitFor();
  await page
    .locator(".stock-figures dd")
    .first()
    .filter({ hasText: String(units) })
    .waitFor();
}

void test("an admin creates a product with two SKUs, an image and stock, publishes it, and a guest finds it by search", async () => {
  const title = `Lantern ${word()}`;
  const categoryName = `Lamps ${word()}`;
  const ctx = await shop.context(desktop);
  const page = await open(ctx, "/");
  await signInUi(page, shop.admin.username, shop.admin.password);

  // A category.
  await page.goto("/admin/categories");
  await page.getByLabel("New top-level category").fill(categoryName);
  await page.getByRole("button", { name: "Create" }).click();
  await page.getByText(categoryName, { exact: true }).waitFor();
  await shot(page, "admin-categories");
  assertNoProblems(page);

  // A draft product in it.
  await page.goto("/admin/products");
  await page.getByRole("heading", { name: "Products" }).waitFor();
  await page.getByRole("link", { name: "New product" }).click();
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Brand").fill("Acme");
  await page.getByLabel("Category", { exact: true }).selectOption({ label: categoryName });
  await page.getByLabel("Description").fill("A lantern for the garden.");
  await page.getByRole("button", { name: "Create draft" }).click();
  await page.waitForURL(/\/admin\/products\/[0-9a-f-]{36}$/);
  const productId = page.url().split("/").pop()!;

  // Two SKUs: the form is open while the product has none.
  const addSku = async (colour: string, price: string) => {
    await page.getByLabel("Spec 1 name").fill("colour");
    await page.getByLabel("Spec 1 value").fill(colour);
    await page.getByLabel("Price", { exact: true }).fill(price);
    await page.getByRole("button", { name: "Add SKU", exact: true }).click();
    await page.getByRole("cell", { name: `colour: ${colour}`, exact: true }).waitFor();
  };
  await addSku("red", "19.90");
  await page.getByRole("button", { name: "Add a SKU" }).click();
  await addSku("blue", "21.50");

  // An image, uploaded through the file service and shown from its URL.
  await page.getByLabel(/Upload an image/).setInputFiles({ name: "lantern.png", mimeType: "image/png", buffer: png(200, 40, 40) });
  const image = page.getByRole("img", { name: `Image 1 of ${title}` });
  await image.waitFor();
  // Run in the page on the img element: loaded and decoded.
  const loaded = (img: unknown) => {
    const el = img as { complete: boolean; naturalWidth: number };
    return el.complete && el.naturalWidth > 0;
  };
  await waitFor("the image loaded", async () => (await image.evaluate(loaded)) || undefined);

  // Publish, after the confirmation.
  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByRole("button", { name: "Yes, publish" }).click();
  await page.getByRole("heading", { name: /Status: On sale/ }).waitFor();
  await shot(page, "admin-product");
  assertNoProblems(page);

  const product = await shop.call("GET", `/api/v1/admin/products/${productId}`, { token: shop.adminToken });
  assert.equal(product.status, 200, product.text);
  const skus = product.json.skus as { id: string; priceMinor: string; currency: string; specs: { value: string }[] }[];
  assert.deepEqual(
    skus.map((s) => [s.specs[0]?.value, s.priceMinor, s.currency]),
    [
      ["red", "1990", "CNY"],
      ["blue", "2150", "CNY"],
    ],
  );
  assert.match((product.json.images as string[])[0] ?? "", /^\/files\/[0-9a-f]{64}\.png$/);

  // Stock for both SKUs, from the product page's link.
  await page.getByRole("link", { name: "Manage stock of these SKUs" }).click();
  await setStock(page, 1, 10);
  await setStock(page, 2, 5);
  await shot(page, "admin-stock");
  assertNoProblems(page);
  for (const [sku, units] of [
    [skus[0]!, 10],
    [skus[1]!, 5],
  ] as const) {
    const stock = await shop.call("GET", `/api/v1/admin/inventory/${sku.id}`, { token: shop.adminToken });
    assert.equal(stock.json.onHand, units, stock.text);
  }

  // The product list shows it on sale.
  await page.goto("/admin/products");
  await page.getByRole("row", { name: new RegExp(`${title}.*On sale`) }).waitFor();
  await shot(page, "admin-products");
  assertNoProblems(page);

  // Users (the admin is listed), reviews and gray release render.
  await page.goto("/admin/users");
  await page.getByRole("cell", { name: new RegExp(`^${shop.admin.username}`) }).waitFor();
  await shot(page, "admin-users");
  assertNoProblems(page);
  await page.goto("/admin/reviews");
  await page.getByRole("heading", { name: "Reviews" }).waitFor();
  await page
    .getByText(/Nothing here yet|Hide/)
    .first()
    .waitFor();
  await shot(page, "admin-reviews");
  assertNoProblems(page);
  await page.goto("/admin/gray");
  await page.getByText(/without a rules file|Rules file/).waitFor();
  await shot(page, "admin-gray");
  assertNoProblems(page);

  // A guest finds it: once the search index has it, on the storefront's search page.
  const found = await waitFor(
    "the product in search",
    async () => {
      const res = await shop.call("GET", `/api/v1/search?q=${encodeURIComponent(title)}`);
      return (res.json.hits as { product: { id: string } }[] | undefined)?.some((h) => h.product.id === productId) || undefined;
    },
    30_000,
    250,
  );
  assert.ok(found);
  const guest = await shop.context(desktop);
  const search = await open(guest, `/search?q=${encodeURIComponent(title)}`);
  await search
    .getByRole("link", { name: new RegExp(title.split(" ")[1]!) })
    .first()
    .waitFor();
  await shot(search, "admin-catalog-guest-search");
  assertNoProblems(search);
  await guest.close();
  await ctx.close();

  // Every page of the area at phone width.
  const small = await shop.context(phone);
  const p = await open(small, "/");
  await signInUi(p, shop.admin.username, shop.admin.password);
  for (const [path, name, heading] of [
    ["/admin/products", "admin-products", "Products"],
    [`/admin/products/${productId}`, "admin-product", title],
    ["/admin/products/new", "admin-product-new", "New product"],
    ["/admin/categories", "admin-categories", "Categories"],
    [`/admin/stock?product=${productId}&sku=${skus[0]!.id}`, "admin-stock", "Stock"],
    ["/admin/reviews", "admin-reviews", "Reviews"],
    ["/admin/gray", "admin-gray", "Gray release"],
    ["/admin/users", "admin-users", "Users"],
  ] as const) {
    await p.goto(path);
    await p.getByRole("heading", { name: heading, exact: true }).waitFor();
    // No loading line left (a locator, not a function string: the page's CSP refuses eval).
    await p.locator("p.status").first().waitFor({ state: "detached" });
    await p.waitForLoadState("networkidle");
    await shot(p, name);
    const overflow = await p.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
    assert.ok(overflow <= 0, `${path} is ${overflow}px wider than the phone`);
    assertNoProblems(p);
  }
  await small.close();
});
