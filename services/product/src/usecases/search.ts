// Search: the index finds, ranks and highlights; the hits' summaries come from the catalog, so a
// product taken off sale a moment ago (its event still on the way to the indexer) is left out.
import { cursorKeyType, normalizeFilter, pageSizeOf, type Sort } from "../domain/listing.ts";
import { decodePageToken, encodePageToken, queryFingerprint } from "@shop/kit/page-token";
import { summariesOf, type SummaryRow } from "../repo/listing.ts";
import { normalize } from "../search/analyze.ts";
import type { ListInput } from "./list-products.ts";
import type { Deps } from "./deps.ts";

export interface SearchResult {
  hits: { product: SummaryRow; highlightedTitle: string; highlightedSubtitle: string }[];
  nextPageToken: string;
}

export async function search(d: Deps, input: ListInput & { q: string }): Promise<SearchResult> {
  const filter = normalizeFilter(input.filter);
  const sort: Sort = input.sort;
  const text = normalize(input.q).trim();
  const limit = pageSizeOf(input.pageSize);
  const fingerprint = queryFingerprint({ text, filter, sort });
  const after = decodePageToken(input.pageToken, fingerprint, cursorKeyType(sort));
  const found = await d.search.search({ text, filter, sort, after, limit: limit + 1 });
  const page = found.slice(0, limit);
  const summaries = new Map(
    (
      await summariesOf(
        d.db,
        page.map((h) => h.productId),
      )
    ).map((s) => [s.id, s]),
  );
  const hits = page.flatMap((h) => {
    const product = summaries.get(h.productId);
    return product?.status === "on_sale" ? [{ product, highlightedTitle: h.highlightedTitle, highlightedSubtitle: h.highlightedSubtitle }] : [];
  });
  const last = page.at(-1);
  return { hits, nextPageToken: found.length > limit && last ? encodePageToken(fingerprint, last.cursor) : "" };
}
