// /admin/flash-sales: every sale, newest first, with what was won, ordered and paid; schedule one,
// end one (before it starts, that cancels it).
import { useState } from "react";
import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { AdminFlashSaleService, FlashSaleService } from "@shop/contracts/shop/seckill/v1/service_pb.ts";
import { FlashSaleStatus, type FlashSale } from "@shop/contracts/shop/seckill/v1/sale_pb.ts";
import { rpcQuery, useRpcMutation } from "../../api/query.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { DataTable } from "../../ui/data-table.tsx";
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
        {(data) => (
          <DataTable
            rows={data.sales}
            rowKey={(s) => s.id}
            empty={t("admin.flash.none")}
            columns={[
              {
                header: t("admin.flash.sale"),
                cell: (s) => (
                  <>
                    {s.title}
                    <div className="muted">{s.specs.map((a) => a.value).join(" / ")}</div>
                    <Link to={`/flash-sales/${s.id}`}>{t("admin.flash.view")}</Link>
                  </>
                ),
              },
              { header: t("admin.common.status"), cell: (s) => t(flashStatusText[s.status]) },
              {
                header: t("admin.flash.price"),
                cell: (s) => (
                  <>
                    {f.money(s.salePriceMinor, s.currency)} <s className="muted">{f.money(s.regularPriceMinor, s.currency)}</s>
                  </>
                ),
              },
              {
                header: (
                  <>
                    {t("admin.flash.remaining")} / {t("admin.flash.quantity")}
                  </>
                ),
                cell: (s) => (
                  <>
                    {s.remaining} / {s.quantity}
                  </>
                ),
              },
              {
                header: t("admin.flash.counts"),
                cell: (s) => (
                  <>
                    {s.won} / {s.ordered} / {s.paid}
                  </>
                ),
              },
              { header: t("admin.coupons.validity"), cell: (s) => t("sale.window", { from: f.dateTime(s.startsAt), to: f.dateTime(s.endsAt) }) },
              { header: t("admin.common.actions"), cell: (s) => s.status !== FlashSaleStatus.ENDED && <EndSale sale={s} /> },
            ]}
          />
        )}
      </Async>
    </section>
  );
}
