// SearchService: search and autocomplete.
import type { ServiceImpl } from "@connectrpc/connect";
import type { productv1 } from "@shop/contracts";
import type { Deps } from "../usecases/deps.ts";
import { search } from "../usecases/search.ts";
import { suggest } from "../usecases/suggest.ts";
import { filterFrom } from "./catalog.ts";
import { sortFromProto, toSuggestion, toSummary } from "./mapping.ts";

export function searchService(d: Deps): ServiceImpl<typeof productv1.SearchService> {
  return {
    async search(req) {
      const result = await search(d, {
        q: req.q,
        filter: filterFrom(req),
        sort: sortFromProto(req.sort, "relevance"),
        pageSize: req.pageSize,
        pageToken: req.pageToken,
      });
      return {
        hits: result.hits.map((h) => ({ product: toSummary(h.product), highlightedTitle: h.highlightedTitle, highlightedSubtitle: h.highlightedSubtitle })),
        nextPageToken: result.nextPageToken,
      };
    },
    async suggest(req) {
      return { suggestions: (await suggest(d, req.q, req.limit)).map(toSuggestion) };
    },
  };
}
