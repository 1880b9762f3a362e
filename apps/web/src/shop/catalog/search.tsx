// Search results: /search?q=... with highlighted matches and the list's filters, sorts and paging.
import { SearchService } from "@shop/contracts/shop/product/v1/search_pb.ts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { rpcQuery } from "../../api/query.ts";
import { useT } from "../../i18n/i18n.tsx";
import { Pager } from "../../ui/pager.tsx";
import { Async } from "../../ui/status.tsx";
import { Filters } from "./filters.tsx";
import { Highlighted } from "./highlight.tsx";
import { readFilters, requestOf, useUrlPager } from "./list-params.ts";
import { ProductCard } from "./product-card.tsx";

export function Component() {
  const t = useT();
  const [params] = useSearchParams();
  const q = (params.get("q") ?? "").trim().slice(0, 100);
  const pages = useUrlPager();
  const result = useQuery({
    ...rpcQuery(SearchService.method.search, { q, ...requestOf(readFilters(params), pages.token) }),
    enabled: q !== "",
    placeholderData: keepPreviousData,
  });
  if (!q) {
    return (
      <section>
        <h1>{t("catalog.search")}</h1>
        <p className="muted">{t("catalog.searchEmpty")}</p>
      </section>
    );
  }
  return (
    <section className="listing">
      <h1>{t("catalog.resultsFor", { q })}</h1>
      <Filters key={params.toString()} search />
      <Async query={result}>
        {(page) => (
          <>
            {page.hits.length === 0 ? (
              <p className="muted">{t("catalog.noResults", { q })}</p>
            ) : (
              <ul className="grid" aria-busy={result.isPlaceholderData}>
                {page.hits.map(
                  (hit) =>
                    hit.product && (
                      <ProductCard
                        key={hit.product.id}
                        p={hit.product}
                        title={hit.highlightedTitle ? <Highlighted html={hit.highlightedTitle} /> : undefined}
                        subtitle={hit.highlightedSubtitle ? <Highlighted html={hit.highlightedSubtitle} /> : undefined}
                      />
                    ),
                )}
              </ul>
            )}
            <Pager pages={pages} nextToken={page.nextPageToken || undefined} />
          </>
        )}
      </Async>
    </section>
  );
}
