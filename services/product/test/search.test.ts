// Search on PostgreSQL: Chinese by character bigrams, English by stems, typos by the stem
// dictionary, ranked, highlighted (escaped), filtered and paged like the list, and autocomplete.
// The index follows product events, so each check waits for the index to catch up.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { productv1 } from "@shop/contracts";
import { waitFor } from "@shop/testkit/wait";
import { makeCategory, makeProduct, rejectsWith, sku, startCatalog, unique, type CatalogTest } from "./helpers.ts";

void describe("product service: search", () => {
  let t: CatalogTest;
  let phones: productv1.Category;
  let vegetables: productv1.Category;
  const ids: Record<string, string> = {};

  /** Polls a search until `ok` holds for its hits (the index follows events). */
  const searchUntil = (q: string, ok: (hits: productv1.SearchHit[]) => boolean, extra: MessageInitShape<typeof productv1.SearchRequestSchema> = {}) =>
    waitFor(`search "${q}"`, async () => {
      const res = await t.search.search({ q, ...extra });
      return ok(res.hits) ? res : undefined;
    });
  const titles = (hits: productv1.SearchHit[]) => hits.map((h) => h.product!.title);

  before(async () => {
    t = await startCatalog();
    const food = await makeCategory(t, unique("食品"));
    vegetables = await makeCategory(t, "蔬菜", food.id);
    const digital = await makeCategory(t, unique("Electronics"));
    phones = await makeCategory(t, "手机", digital.id);
    const audio = await makeCategory(t, "Audio", digital.id);
    const add = async (key: string, fields: Parameters<typeof makeProduct>[1]) => (ids[key] = (await makeProduct(t, fields)).id);
    await add("tomato", { title: "新鲜西红柿 500g", subtitle: "当季 沙瓤", brand: "本地农场", categoryId: vegetables.id, skus: [sku(990)] });
    await add("cucumber", { title: "有机黄瓜 1kg", brand: "本地农场", categoryId: vegetables.id, skus: [sku(1290)] });
    await add("mate", { title: "华为 Mate 手机", subtitle: "5G 旗舰", brand: "Huawei", categoryId: phones.id, skus: [sku(499_900)] });
    await add("seniors", { title: "Smart Phones for Seniors", subtitle: "Big buttons", brand: "Doro", categoryId: phones.id, skus: [sku(89_900)] });
    await add("headphones", { title: "Wireless Headphones", subtitle: "Noise cancelling", brand: "Acme", categoryId: audio.id, skus: [sku(59_900)] });
    await add("stand", {
      title: `<script>alert("x")</script> Phone Stand & Holder`,
      subtitle: "Fits <b>every</b> phone",
      brand: "Acme",
      categoryId: audio.id,
      skus: [sku(2_900)],
    });
    await add("draft", { title: "西红柿 草稿", categoryId: vegetables.id, publish: false });
    for (const q of ["西红柿", "手机", "headphones", "stand"]) await searchUntil(q, (h) => h.length > 0);
  });
  after(async () => t?.close());

  void it("finds 新鲜西红柿 500g for 西红柿, and marks the match", async () => {
    const res = await searchUntil("西红柿", (h) => h.length > 0);
    assert.deepEqual(titles(res.hits), ["新鲜西红柿 500g"], "the draft is not searchable");
    assert.equal(res.hits[0]!.highlightedTitle, "新鲜<em>西红柿</em> 500g");
    assert.equal(res.hits[0]!.product!.priceMinor, 990n);
  });

  void it("finds 华为 Mate 手机 for 手机, title matches ranked above category matches", async () => {
    const res = await searchUntil("手机", (h) => h.length >= 2);
    assert.equal(res.hits[0]!.product!.title, "华为 Mate 手机");
    assert.equal(res.hits[0]!.highlightedTitle, "华为 Mate <em>手机</em>");
    assert.ok(titles(res.hits).includes("Smart Phones for Seniors"), "its category is 手机");
  });

  void it("finds single characters and mixed Chinese and English queries", async () => {
    assert.deepEqual(titles((await searchUntil("瓜", (h) => h.length > 0)).hits), ["有机黄瓜 1kg"]);
    assert.deepEqual(titles((await searchUntil("华为 mate", (h) => h.length > 0)).hits), ["华为 Mate 手机"]);
    assert.deepEqual((await t.search.search({ q: "西瓜" })).hits, [], "瓜 alone is not 西瓜");
  });

  void it("finds the plural of an English word, and marks the whole word", async () => {
    const res = await searchUntil("phone", (h) => h.length >= 2);
    const seniors = res.hits.find((h) => h.product!.id === ids.seniors);
    assert.ok(seniors, `phone should find "Smart Phones for Seniors": ${titles(res.hits).join(", ")}`);
    assert.equal(seniors.highlightedTitle, "Smart <em>Phones</em> for Seniors");
    assert.ok(titles((await t.search.search({ q: "buttons" })).hits).includes("Smart Phones for Seniors"), "subtitles are searched");
  });

  void it("still finds a product with a one-letter typo", async () => {
    for (const q of ["hedphones", "headphomes", "wireles headphones", "wirelesss"]) {
      const res = await t.search.search({ q });
      assert.deepEqual(titles(res.hits), ["Wireless Headphones"], `query "${q}"`);
    }
    assert.equal((await t.search.search({ q: "hedphones" })).hits[0]!.highlightedTitle, "Wireless <em>Headphones</em>");
    assert.deepEqual((await t.search.search({ q: "xylophone" })).hits, [], "far from every word: nothing");
  });

  void it("escapes HTML in the text before marking matches", async () => {
    const res = await t.search.search({ q: "stand" });
    assert.equal(res.hits.length, 1);
    assert.equal(res.hits[0]!.highlightedTitle, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Phone <em>Stand</em> &amp; Holder");
    const phone = (await t.search.search({ q: "phone holder", pageSize: 10 })).hits.find((h) => h.product!.id === ids.stand)!;
    assert.equal(phone.highlightedTitle, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <em>Phone</em> Stand &amp; <em>Holder</em>");
    assert.equal(phone.highlightedSubtitle, "Fits &lt;b&gt;every&lt;/b&gt; <em>phone</em>");
    const script = await t.search.search({ q: "script" });
    assert.ok(!script.hits.some((h) => h.highlightedTitle.includes("<script")), "a match inside the markup never un-escapes it");
  });

  void it("filters and pages like the list", async () => {
    const inPhones = await t.search.search({ q: "phone", categoryId: phones.id });
    assert.deepEqual(titles(inPhones.hits), ["Smart Phones for Seniors"]);
    const cheap = await t.search.search({ q: "phone", maxPriceMinor: 5_000n });
    assert.deepEqual(titles(cheap.hits), [`<script>alert("x")</script> Phone Stand & Holder`]);
    const byBrand = await t.search.search({ q: "phone", brands: ["ACME"] });
    assert.deepEqual(titles(byBrand.hits), [`<script>alert("x")</script> Phone Stand & Holder`]);
    const all = await t.search.search({ q: "手机 phone", pageSize: 0 });
    const seen: string[] = [];
    let pageToken = "";
    do {
      const page = await t.search.search({ q: "手机 phone", pageSize: 1, pageToken });
      seen.push(...page.hits.map((h) => h.product!.id));
      pageToken = page.nextPageToken;
    } while (pageToken);
    assert.deepEqual(
      seen,
      all.hits.map((h) => h.product!.id),
      "pages of one are the full list, in order",
    );
    const byPrice = await t.search.search({ q: "phone", sort: productv1.ProductSort.PRICE_ASC });
    const prices = byPrice.hits.map((h) => h.product!.priceMinor);
    assert.deepEqual(
      prices,
      [...prices].sort((a, b) => (a < b ? -1 : 1)),
    );
  });

  void it("refuses a page token of another query", async () => {
    const page = await t.search.search({ q: "phone", pageSize: 1 });
    assert.ok(page.nextPageToken);
    await rejectsWith(t.search.search({ q: "手机", pageSize: 1, pageToken: page.nextPageToken }), Code.InvalidArgument, "INVALID_PAGE_TOKEN");
    await rejectsWith(t.search.search({ q: "" }), Code.InvalidArgument, "INVALID_INPUT");
  });

  void it("follows changes: a new title, a product off sale, a renamed category", async () => {
    await t.admin.updateProduct({ productId: ids.cucumber, title: "有机黄瓜 Organic Cucumber" }, t.asAdmin);
    await searchUntil("cucumber", (h) => h.some((x) => x.product!.id === ids.cucumber));
    await t.admin.unpublishProduct({ productId: ids.tomato }, t.asAdmin);
    await searchUntil("西红柿", (h) => h.length === 0);
    await t.admin.publishProduct({ productId: ids.tomato }, t.asAdmin);
    await searchUntil("西红柿", (h) => h.length === 1);
    await t.admin.updateCategory({ categoryId: vegetables.id, name: "Greengrocery" }, t.asAdmin);
    await searchUntil("greengrocery", (h) => h.length === 2);
  });

  void it("suggests brands and titles for what is being typed", async () => {
    const hua = await t.search.suggest({ q: "hua" });
    assert.equal(hua.suggestions[0]!.text, "Huawei");
    assert.equal(hua.suggestions[0]!.highlighted, "<em>Hua</em>wei");
    assert.ok(
      hua.suggestions.some((s) => s.productId === ids.mate),
      "and Huawei's products",
    );
    const head = await t.search.suggest({ q: "wireless head" });
    assert.deepEqual(
      head.suggestions.map((s) => s.text),
      ["Wireless Headphones"],
    );
    assert.equal(head.suggestions[0]!.highlighted, "<em>Wireless</em> <em>Head</em>phones");
    const xi = await t.search.suggest({ q: "西" });
    assert.ok(
      xi.suggestions.some((s) => s.highlighted === "新鲜<em>西</em>红柿 500g"),
      JSON.stringify(xi.suggestions),
    );
    assert.deepEqual((await t.search.suggest({ q: "zzzz" })).suggestions, []);
  });
});
