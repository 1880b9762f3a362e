// The pure parts of search: cutting CJK text into bigrams, parsing queries, edit distance and
// highlighting (escaping first). No servers needed.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cjkRunQuery, cjkVector, parseQuery, words } from "../src/search/analyze.ts";
import { allowedEdits, correctable, editDistance } from "../src/search/fuzzy.ts";
import { escapeHtml, highlight } from "../src/search/highlight.ts";

void describe("search text analysis", () => {
  void it("indexes CJK runs as unigrams and bigrams at their positions, runs kept apart", () => {
    assert.equal(cjkVector([{ text: "西红柿", weight: "A" }]), "'西':1A '西红':1A '红':2A '红柿':2A '柿':3A");
    // 华为 is at 1-2, then a gap, 手机 at 4-5: no phrase spans "华为 Mate 手机"'s two runs.
    assert.equal(cjkVector([{ text: "华为 Mate 手机", weight: "B" }]), "'华':1B '华为':1B '为':2B '手':4B '手机':4B '机':5B");
    assert.equal(cjkVector([{ text: "English only", weight: "A" }]), "");
    assert.equal(cjkVector([{ text: "ＭＡＴＥ 𠮷野家", weight: "A" }]).split(" ")[0], "'𠮷':1A", "full-width folded; a rare Han character is one character");
  });

  void it("queries a CJK run as a phrase of its bigrams, or a single character", () => {
    assert.equal(cjkRunQuery("西红柿"), "('西红' <-> '红柿')");
    assert.equal(cjkRunQuery("手机"), "'手机'");
    assert.equal(cjkRunQuery("瓜"), "'瓜'");
  });

  void it("splits a query into CJK runs and other words, normalized and deduplicated", () => {
    assert.deepEqual(parseQuery("华为Mate60 手机 ＭＡＴＥ 3.5mm men's"), { cjk: ["华为", "手机"], words: ["mate60", "mate", "3.5mm", "men", "s"] });
    assert.deepEqual(
      words("新鲜西红柿 500g").map((w) => [w.word, w.index]),
      [["500g", 6]],
    );
  });

  void it("measures typos as edits, a swap of neighbours being one", () => {
    assert.equal(editDistance("phone", "phone"), 0);
    assert.equal(editDistance("phnoe", "phone"), 1);
    assert.equal(editDistance("headphon", "headphom"), 1);
    assert.equal(editDistance("wireles", "wireless"), 1);
    assert.equal(editDistance("kitten", "sitting"), 3);
    assert.deepEqual([1, 2, 3, 5, 6, 12].map(allowedEdits), [0, 0, 1, 1, 2, 2]);
    assert.equal(correctable("x200"), false, "model numbers are matched exactly");
    assert.equal(correctable("phone"), true);
  });

  void it("escapes HTML before marking, and never marks inside an entity", () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    const terms = { cjk: [], latin: ["amp", "lt", "script"], mode: "word" as const };
    assert.equal(highlight("<script>&amp;", terms), "&lt;<em>script</em>&gt;&amp;<em>amp</em>;");
    assert.equal(highlight("Phones & phone cases", { cjk: [], latin: ["phone"], mode: "word" }), "<em>Phones</em> &amp; <em>phone</em> cases");
    assert.equal(highlight("Phonetically", { cjk: [], latin: ["phone"], mode: "word" }), "Phonetically", "a word far longer than the stem is not the stem");
  });

  void it("marks CJK runs wherever they occur and merges touching marks", () => {
    assert.equal(highlight("西红柿炒蛋 西红柿", { cjk: ["西红柿"], latin: [], mode: "word" }), "<em>西红柿</em>炒蛋 <em>西红柿</em>");
    assert.equal(highlight("西红柿", { cjk: ["西红", "红柿"], latin: [], mode: "word" }), "<em>西红柿</em>");
    assert.equal(highlight("Headphones", { cjk: [], latin: ["head"], mode: "prefix" }), "<em>Head</em>phones");
  });
});
