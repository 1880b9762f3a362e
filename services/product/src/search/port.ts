// The search port: what the product service needs from a search engine. The PostgreSQL adapter
// (pg/) is the one built here; Elasticsearch or Meilisearch would implement the same interface
// (their own analyzers for CJK, fuzziness and highlighting; documents refreshed from the same
// events), and nothing above this file would change. See README "Search".
import type { ProductFilter, Sort } from "../domain/listing.ts";
import type { Cursor } from "@shop/kit/page-token";

export interface SearchQuery {
  text: string;
  filter: ProductFilter;
  sort: Sort;
  /** The last hit of the previous page. */
  after?: Cursor;
  limit: number;
}

export interface SearchHit {
  productId: string;
  /** HTML: the text escaped, matches in <em>...</em>. */
  highlightedTitle: string;
  highlightedSubtitle: string;
  /** Where the next page starts if this is the last hit of a page. */
  cursor: Cursor;
}

export interface Suggestion {
  kind: "brand" | "product";
  text: string;
  highlighted: string;
  productId?: string;
}

export interface SearchIndex {
  /** Up to `limit` on-sale products matching the text, in the order asked. */
  search(query: SearchQuery): Promise<SearchHit[]>;
  /** Completions of a partly typed query: brands, then product titles. */
  suggest(text: string, limit: number): Promise<Suggestion[]>;
  /**
   * Makes the index match the catalog for these products: on-sale ones are (re)indexed, the rest
   * removed. Reads the current state, so repeating it or running it late is harmless.
   */
  refresh(productIds: string[]): Promise<void>;
  /** `refresh` for every product in the category and below (a rename or a move changes them). */
  refreshCategory(categoryId: string): Promise<void>;
}
