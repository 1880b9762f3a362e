// /admin/reviews: every review, newest first, filtered by visibility and product; hide one with a
// reason (it leaves public lists and the product's rating) or show it again.
import { useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { AdminReviewService, ReviewVisibility } from "@shop/contracts/shop/review/v1/service_pb.ts";
import type { Review } from "@shop/contracts/shop/review/v1/review_pb.ts";
import { rpcQuery, useRpcMutation } from "../../api/query.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import type { TextKey } from "../../i18n/texts.ts";
import { Field } from "../../ui/field.tsx";
import { Pager, usePageTokens } from "../../ui/pager.tsx";
import { Async, ErrorBox } from "../../ui/status.tsx";

const visibilities: [ReviewVisibility, TextKey][] = [
  [ReviewVisibility.UNSPECIFIED, "admin.reviews.all"],
  [ReviewVisibility.VISIBLE, "admin.reviews.visible"],
  [ReviewVisibility.HIDDEN, "admin.reviews.hidden"],
];
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function Moderate({ review }: { review: Review }) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState("");
  const hide = useRpcMutation(AdminReviewService.method.hideReview, { onSuccess: () => setAsking(false) });
  const unhide = useRpcMutation(AdminReviewService.method.unhideReview);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim()) hide.mutate({ reviewId: review.id, reason: reason.trim() });
  };
  if (review.hidden)
    return (
      <>
        <button type="button" onClick={() => unhide.mutate({ reviewId: review.id })} disabled={unhide.isPending}>
          {t("admin.reviews.unhide")}
        </button>
        {unhide.error && <ErrorBox error={unhide.error} />}
      </>
    );
  if (!asking)
    return (
      <button type="button" onClick={() => setAsking(true)}>
        {t("admin.reviews.hide")}
      </button>
    );
  return (
    <form onSubmit={submit} className="inline-form" aria-label={t("admin.reviews.hide")}>
      <Field label={t("admin.reviews.reason")} value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} autoFocus />
      <button type="submit" className="primary" disabled={hide.isPending}>
        {t("admin.reviews.hideYes")}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        {t("app.cancel")}
      </button>
      {hide.error && <ErrorBox error={hide.error} />}
    </form>
  );
}

export function Component() {
  const t = useT();
  const f = useFormat();
  const visId = useId();
  const [visibility, setVisibility] = useState(ReviewVisibility.UNSPECIFIED);
  const [product, setProduct] = useState("");
  const productId = uuid.test(product.trim()) ? product.trim() : "";
  const pages = usePageTokens();
  const list = useQuery(rpcQuery(AdminReviewService.method.listReviews, { visibility, productId, pageSize: 20, pageToken: pages.token }));
  return (
    <section>
      <h1>{t("admin.reviews.title")}</h1>
      <div className="admin-filters">
        <div className="field">
          <label htmlFor={visId}>{t("admin.reviews.show")}</label>
          <select
            id={visId}
            value={visibility}
            onChange={(e) => {
              setVisibility(Number(e.target.value));
              pages.reset();
            }}
          >
            {visibilities.map(([v, key]) => (
              <option key={v} value={v}>
                {t(key)}
              </option>
            ))}
          </select>
        </div>
        <Field
          label={t("admin.reviews.productId")}
          value={product}
          onChange={(e) => {
            setProduct(e.target.value);
            pages.reset();
          }}
          error={product.trim() && !productId ? t("admin.reviews.badProductId") : undefined}
        />
      </div>
      <Async query={list}>
        {(page) =>
          page.reviews.length === 0 ? (
            <p className="muted">{t("app.empty")}</p>
          ) : (
            <>
              <ul className="admin-reviews">
                {page.reviews.map((r) => (
                  <li key={r.id} className="card">
                    <p>
                      <span aria-label={t("admin.reviews.stars", { n: r.rating })}>{"★".repeat(r.rating) + "☆".repeat(5 - r.rating)}</span>{" "}
                      <span className="muted">{f.dateTime(r.createdAt)}</span> {r.hidden && <span className="badge">{t("admin.reviews.hiddenBadge")}</span>}
                    </p>
                    <p>{r.text || <span className="muted">{t("admin.reviews.noText")}</span>}</p>
                    {r.photos.length > 0 && (
                      <p className="row">
                        {r.photos.map((p, i) => (
                          <a key={p.id} href={p.url} target="_blank" rel="noreferrer">
                            <img src={p.thumbnailUrl || p.url} alt={t("admin.reviews.photo", { n: i + 1 })} width={64} height={64} loading="lazy" />
                          </a>
                        ))}
                      </p>
                    )}
                    {r.hidden && r.hiddenReason && <p className="muted">{t("admin.reviews.hiddenBecause", { reason: r.hiddenReason })}</p>}
                    <p className="muted">
                      <Link to={`/admin/products/${r.productId}`}>{t("admin.reviews.product")}</Link>
                      {r.orderId && (
                        <>
                          {" · "}
                          <Link to={`/admin/orders/${r.orderId}`}>{t("admin.reviews.order")}</Link>
                        </>
                      )}
                    </p>
                    <div className="row">
                      <Moderate review={r} />
                    </div>
                  </li>
                ))}
              </ul>
              <Pager pages={pages} nextToken={page.nextPageToken || undefined} />
            </>
          )
        }
      </Async>
    </section>
  );
}
