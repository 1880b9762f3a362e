// /flash-sales: the sales not yet ended, soonest first: live ones with the time left, upcoming ones
// with the time to their start.
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { FlashSaleService } from "@shop/contracts/shop/seckill/v1/service_pb.ts";
import { rpcQuery } from "../../api/query.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { Async } from "../../ui/status.tsx";
import { Countdown } from "./countdown.tsx";
import { PhaseBadge } from "./phase-badge.tsx";
import { phaseOf } from "./phase.ts";
import { useNow } from "./use-now.ts";

export function Component() {
  const t = useT();
  const f = useFormat();
  const now = useNow(1000);
  const sales = useQuery({ ...rpcQuery(FlashSaleService.method.listFlashSales, {}), refetchInterval: 30_000 });
  return (
    <section>
      <h1>{t("sale.list.title")}</h1>
      <Async query={sales}>
        {(data) => {
          const shown = data.sales.filter((s) => phaseOf(s, now) !== "ended");
          if (shown.length === 0) return <p className="muted">{t("sale.list.empty")}</p>;
          return (
            <ul className="grid">
              {shown.map((s) => {
                const phase = phaseOf(s, now);
                return (
                  <li key={s.id} className="card sale-card">
                    {s.image && <img src={s.image} alt="" loading="lazy" />}
                    <h2>
                      <Link to={`/flash-sales/${s.id}`}>{s.title}</Link>
                    </h2>
                    <p className="muted">{s.specs.map((a) => a.value).join(" / ")}</p>
                    <p>
                      <PhaseBadge phase={phase} /> <span className="price">{f.money(s.salePriceMinor, s.currency)}</span>{" "}
                      <s className="muted">{t("sale.was", { price: f.money(s.regularPriceMinor, s.currency) })}</s>
                    </p>
                    <Countdown sale={s} phase={phase} now={now} />
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
