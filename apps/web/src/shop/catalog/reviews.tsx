// A product's public reviews: rating summary, newest or most helpful first, photos as thumbnails
// linking to the full image. Writing a review is the account area's (after delivery).
import { ProductReviewService, ReviewSort } from "@shop/contracts/shop/review/v1/service_pb.ts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { rpcQuery } from "../../api/query.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { Pager, usePageTokens } from "../../ui/pager.tsx";
import { Async } from "../../ui/status.tsx";
import { Stars } from "./stars.tsx";

export function Reviews({ productId, average, count }: { productId: string; average: number; count: number }) {
  const t = useT();
  const f = useFormat();
  const [sort, setSort] = useState(ReviewSort.NEWEST);
  const pages = usePageTokens();
  const reviews = useQuery({
    ...rpcQuery(ProductReviewService.method.listProductReviews, { productId, sort, pageSize: 10, pageToken: pages.token }),
    placeholderData: keepPreviousData,
  });
  return (
    <section className="reviews" aria-labelledby="reviews-h">
      <h2 id="reviews-h">{t("catalog.reviews")}</h2>
      {count > 0 ? (
        <p className="row">
          <strong className="rating-big">{average.toFixed(1)}</strong>
          <Stars rating={average} count={count} />
        </p>
      ) : (
        <p className="muted">{t("catalog.noReviews")}</p>
      )}
      {count > 0 && (
        <div className="field inline">
          <label htmlFor="review-sort">{t("catalog.sort")}</label>
          <select
            id="review-sort"
            value={sort}
            onChange={(e) => {
              setSort(Number(e.target.value));
              pages.reset();
            }}
          >
            <option value={ReviewSort.NEWEST}>{t("catalog.sort.newest")}</option>
            <option value={ReviewSort.MOST_HELPFUL}>{t("catalog.sort.mostHelpful")}</option>
          </select>
        </div>
      )}
      <Async query={reviews}>
        {(page) => (
          <>
            <ul className="review-list">
              {page.reviews.map((r) => (
                <li key={r.id} className="card">
                  <div className="row">
                    <Stars rating={r.rating} />
                    <span className="muted">{f.date(r.createdAt)}</span>
                  </div>
                  {r.text && <p className="review-text">{r.text}</p>}
                  {r.photos.length > 0 && (
                    <ul className="row photos">
                      {r.photos.map((p, i) => (
                        <li key={p.id}>
                          <a href={p.url} target="_blank" rel="noreferrer">
                            <img src={p.thumbnailUrl || p.url} alt={t("catalog.photo", { n: i + 1 })} width={80} height={80} loading="lazy" />
                          </a>
                        </li>
                      ))}
                    </ul>
                  )}
                  {r.helpfulCount > 0 && <p className="muted">{t("catalog.helpful", { n: r.helpfulCount })}</p>}
                </li>
              ))}
            </ul>
            <Pager pages={pages} nextToken={page.nextPageToken || undefined} />
          </>
        )}
      </Async>
    </section>
  );
}
