// /admin/flash-sales: every sale, newest first, with what was won, ordered and paid; schedule one,
// end one (before it starts, that cancels it).
import { useState } from "react";
import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { AdminFlashSaleService, FlashSaleService } from "@shop/contracts/shop/seckill/v1/service_pb.ts";
import { FlashSaleStatus, type FlashSale } from "@shop/contracts/shop/seckill/v1/sale_pb.ts";
import { rpcQuery, useRpcMutation } from "../../api/query.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { Async, ErrorBox } from "../../ui/status.tsx";
import { Confirm } from "./confirm.tsx";
import { FlashSaleForm } from "./flash-sale-form.tsx";
import { flashStatusText } from "./labels.ts";

function EndSale({ sale }: { sale: FlashSale }) {
  const t = useT();
  const end = useRpcMutation(AdminFlashSaleService.method.endFlashSale, { invalidates: [FlashSaleService.method.getFlashSale] });
  return (
    <>
      <Confirm
        label={t("admin.flash.end")}
        question={t("admin.flash.endConfirm", { title: sale.title })}
        yes={t("admin.flash.endYes")}
        busy={end.isPending}
        onConfirm={() => end.mutate({ saleId: sale.id })}
      />
      {end.error && <ErrorBox error={end.error} />}
    </>
  );
}

export function Component() {
  const t = useT();
  const f = useFormat();
  const [creating, setCreating] = useState(false);
  const [done, setDone] = useState(false);
  const sales = useQuery(rpcQuery(AdminFlashSaleService.method.listAllFlashSales, { pageSize: 100 }));
  return (
    <section>
      <div className="row sales-head">
        <h1>{t("admin.flash.title")}</h1>
        <button
          type="button"
          aria-expanded={creating}
          onClick={() => {
            setCreating(!creating);
            setDone(false);
          }}
        >
          {creating ? t("app.cancel") : t("admin.flash.new")}
        </button>
      </div>
      {done && (
        <p className="notice" role="status">
          {t("admin.flash.scheduled")}
        </p>
      )}
      {creating && (
        <FlashSaleForm
          onScheduled={() => {
            setCreating(false);
            setDone(true);
          }}
        />
      )}
      <Async query={sales}>
        {(data) =>
          data.sales.length === 0 ? (
            <p className="muted">{t("admin.flash.none")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>{t("admin.flash.sale")}</th>
                    <th>{t("admin.common.status")}</th>
                    <th>{t("admin.flash.price")}</th>
                    <th>
                      {t("admin.flash.remaining")} / {t("admin.flash.quantity")}
                    </th>
                    <th>{t("admin.flash.counts")}</th>
                    <th>{t("admin.coupons.validity")}</th>
                    <th>{t("admin.common.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.sales.map((s) => (
                    <tr key={s.id}>
                      <td>
                        {s.title}
                        <div className="muted">{s.specs.map((a) => a.value).join(" / ")}</div>
                        <Link to={`/flash-sales/${s.id}`}>{t("admin.flash.view")}</Link>
                      </td>
                      <td>{t(flashStatusText[s.status])}</td>
                      <td>
                        {f.money(s.salePriceMinor, s.currency)} <s className="muted">{f.money(s.regularPriceMinor, s.currency)}</s>
                      </td>
                      <td>
                        {s.remaining} / {s.quantity}
                      </td>
                      <td>
                        {s.won} / {s.ordered} / {s.paid}
                      </td>
                      <td>{t("sale.window", { from: f.dateTime(s.startsAt), to: f.dateTime(s.endsAt) })}</td>
                      <td>{s.status !== FlashSaleStatus.ENDED && <EndSale sale={s} />}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
    </section>
  );
}
