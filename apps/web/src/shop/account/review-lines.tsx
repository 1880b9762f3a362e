// A completed order's lines I have not reviewed yet, each with "Write a review".
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { timestampMs } from "@bufbuild/protobuf/wkt";
import type { Order } from "@shop/contracts/shop/order/v1/order_pb.ts";
import { ReviewService } from "@shop/contracts/shop/review/v1/service_pb.ts";
import { rpcQuery } from "../../api/query.ts";
import { useT } from "../../i18n/i18n.tsx";
import { Async } from "../../ui/status.tsx";
import { ReviewForm } from "./review-form.tsx";

export function ReviewLines({ order }: { order: Order }) {
  const t = useT();
  // The review service learns of the completion from the event bus, a moment after the order shows
  // it: until a line of this order is listed, look again each second during the first minute.
  const completedMs = order.completedAt ? timestampMs(order.completedAt) : 0;
  const reviewable = useQuery({
    ...rpcQuery(ReviewService.method.listReviewableLines, { pageSize: 100 }),
    refetchInterval: (q) => (!q.state.data?.lines.some((l) => l.orderId === order.id) && Date.now() - completedMs < 60_000 ? 1000 : false),
  });
  const [open, setOpen] = useState("");
  return (
    <section aria-labelledby="reviews-h">
      <h2 id="reviews-h">{t("writeReview.title")}</h2>
      <Async query={reviewable}>
        {(data) => {
          const mine = data.lines.filter((l) => l.orderId === order.id);
          if (mine.length === 0) return <p className="muted">{t("writeReview.allDone")}</p>;
          return (
            <ul className="lines">
              {mine.map((l) => {
                const line = order.lines.find((o) => o.skuId === l.skuId);
                return (
                  <li key={l.skuId} className="card">
                    <div>{line?.title ?? l.skuId}</div>
                    {open === l.skuId ? (
                      <ReviewForm orderId={order.id} skuId={l.skuId} onDone={() => setOpen("")} />
                    ) : (
                      <button type="button" onClick={() => setOpen(l.skuId)}>
                        {t("writeReview.write")}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          );
        }}
      </Async>
    </section>
  );
}
