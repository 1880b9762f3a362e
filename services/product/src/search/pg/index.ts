// The SearchIndex port on PostgreSQL: full-text search (tsvector) with CJK bigrams, English
// stemming, typo correction from a trigram-indexed stem dictionary, highlighting and autocomplete.
import type { Db } from "@shop/kit/db";
import { normalize, parseQuery } from "../analyze.ts";
import { highlight } from "../highlight.ts";
import type { SearchIndex, Suggestion } from "../port.ts";
import { refreshCategoryDocuments, refreshDocuments } from "./documents.ts";
import { compileQuery } from "./query.ts";
import { searchDocuments } from "./search.ts";
import { suggestBrands, suggestTitles } from "./suggest.ts";

/** Brands shown at most among the suggestions, before titles. */
const maxBrandSuggestions = 3;

export function createPgSearchIndex(db: Db): SearchIndex {
  return {
    async search(query) {
      const compiled = await compileQuery(db, parseQuery(query.text), { prefix: false, fuzzy: true });
      if (!compiled.tsquery) return [];
      const rows = await searchDocuments(db, { ...query, tsquery: compiled.tsquery });
      const terms = { cjk: compiled.cjk, latin: compiled.latin, mode: "word" as const };
      return rows.map((r) => ({
        productId: r.productId,
        highlightedTitle: highlight(r.title, terms),
        highlightedSubtitle: highlight(r.subtitle, terms),
        cursor: { key: r.key, id: r.productId },
      }));
    },

    async suggest(text, limit) {
      const typed = normalize(text).trim();
      const parsed = parseQuery(typed);
      const compiled = await compileQuery(db, parsed, { prefix: true, fuzzy: false });
      const terms = { cjk: parsed.cjk, latin: parsed.words, mode: "prefix" as const };
      const brands = await suggestBrands(db, typed, Math.min(maxBrandSuggestions, limit));
      const titles = compiled.tsquery ? await suggestTitles(db, compiled.tsquery, typed, limit - brands.length) : [];
      return [
        ...brands.map((b): Suggestion => ({ kind: "brand", text: b, highlighted: highlight(b, terms) })),
        ...titles.map((t): Suggestion => ({ kind: "product", text: t.title, highlighted: highlight(t.title, terms), productId: t.productId })),
      ];
    },

    refresh: (productIds) => refreshDocuments(db, productIds),
    refreshCategory: (categoryId) => refreshCategoryDocuments(db, categoryId),
  };
}
