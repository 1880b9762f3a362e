// /flash-sales/:saleId: the product at its sale price with a live countdown to the start (then to
// the end); Follow before it starts, Buy now while it is live, and the shopper's result.
import { useCallback, useEffect } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { FlashSaleService } from "@shop/contracts/shop/seckill/v1/service_pb.ts";
import type { FlashSale } from "@shop/contracts/shop/seckill/v1/sale_pb.ts";
import { rpcQuery } from "../../api/query.ts";
import { useSession } from "../../auth/session.tsx";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { Async } from "../../ui/status.tsx";
import { Buy } from "./buy.tsx";
import { Countdown } from "./countdown.tsx";
import { Follow } from "./follow.tsx";
import { PhaseBadge } from "./phase-badge.tsx";
import { AttemptStatusView } from "./attempt-result.tsx";
import { remembered } from "./remember.ts";
import { phaseOf } from "./phase.ts";
import { useNow } from "./use-now.ts";

function SaleView({ sale, refetch }: { sale: FlashSale; refetch: () => void }) {
  const t = useT();
  const f = useFormat();
  const now = useNow(1000);
  const { user } = useSession();
  const phase = phaseOf(sale, now);
  // The sale's counts and status are asked again when it starts and ends.
  useEffect(() => {
    if (phase !== "upcoming") refetch();
  }, [phase, refetch]);
  const attempted = user !== undefined && remembered.attempted(user.id, sale.id);
  return (
    <article className="sale-page">
      {sale.image && <img src={sale.image} alt={sale.title} className="sale-image" />}
      <div className="sale-info">
        <h1>{sale.title}</h1>
        <p className="muted">{sale.specs.map((a) => `${a.key}: ${a.value}`).join(" · ")}</p>
        <p className="sale-prices">
          <span className="price sale-price">{f.money(sale.salePriceMinor, sale.currency)}</span>{" "}
          <s className="muted">{t("sale.was", { price: f.money(sale.regularPriceMinor, sale.currency) })}</s>
        </p>
        <p>
          <PhaseBadge phase={phase} /> {t("sale.left", { n: Math.max(0, sale.remaining), total: sale.quantity })}
        </p>
        <Countdown sale={sale} phase={phase} now={now} />
        <p className="muted">
          {t("sale.window", { from: f.dateTime(sale.startsAt), to: f.dateTime(sale.endsAt) })} · {t("sale.onePerShopper")}
        </p>
        {phase === "upcoming" && (
          <>
            <p>{t("sale.notLiveYet")}</p>
            <Follow saleId={sale.id} />
          </>
        )}
        {phase === "live" && <Buy saleId={sale.id} />}
        {phase !== "upcoming" &&
          phase !== "live" &&
          (attempted ? (
            <AttemptStatusView saleId={sale.id} first={undefined} />
          ) : (
            <p className="notice">{phase === "soldOut" ? t("sale.lost") : t("sale.over")}</p>
          ))}
        <p>
          <Link to={`/p/${sale.productId}`}>{sale.title}</Link> · <Link to="/flash-sales">{t("sale.back")}</Link>
        </p>
      </div>
    </article>
  );
}

export function Component() {
  const { saleId = "" } = useParams();
  const sale = useQuery(rpcQuery(FlashSaleService.method.getFlashSale, { saleId }));
  const { refetch } = sale;
  const again = useCallback(() => void refetch(), [refetch]);
  return <Async query={sale}>{(s) => <SaleView sale={s} refetch={again} />}</Async>;
}
