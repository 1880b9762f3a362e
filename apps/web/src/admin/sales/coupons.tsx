// /admin/coupons: the coupon templates, newest first, with claimed and used counts; a new one made here.
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { AdminCouponService } from "@shop/contracts/shop/coupon/v1/service_pb.ts";
import { TemplateStatus } from "@shop/contracts/shop/coupon/v1/coupon_pb.ts";
import { rpcQuery } from "../../api/query.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { DataTable } from "../../ui/data-table.tsx";
import { Pager, usePageTokens } from "../../ui/pager.tsx";
import { Async } from "../../ui/status.tsx";
import { CouponForm } from "./coupon-form.tsx";
import { couponValue } from "./coupon-value.ts";
import { enumValues, templateStatusText } from "./labels.ts";

export function Component() {
  const t = useT();
  const f = useFormat();
  const navigate = useNavigate();
  const pages = usePageTokens();
  const [status, setStatus] = useState(TemplateStatus.UNSPECIFIED);
  const [creating, setCreating] = useState(false);
  const templates = useQuery(rpcQuery(AdminCouponService.method.listCouponTemplates, { status, pageSize: 20, pageToken: pages.token }));
  return (
    <section>
      <div className="row sales-head">
        <h1>{t("admin.coupons.title")}</h1>
        <button type="button" aria-expanded={creating} onClick={() => setCreating(!creating)}>
          {creating ? t("app.cancel") : t("admin.coupons.new")}
        </button>
      </div>
      {creating && <CouponForm onCreated={(id) => void navigate(`/admin/coupons/${id}`)} />}
      <div className="field sales-inline">
        <label htmlFor="template-status">{t("admin.common.status")}</label>
        <select
          id="template-status"
          value={status}
          onChange={(e) => {
            setStatus(Number(e.target.value));
            pages.reset();
          }}
        >
          <option value={TemplateStatus.UNSPECIFIED}>{t("admin.orders.anyStatus")}</option>
          {enumValues(templateStatusText).map((s) => (
            <option key={s} value={s}>
              {t(templateStatusText[s])}
            </option>
          ))}
        </select>
      </div>
      <Async query={templates}>
        {(page) => (
          <DataTable
            rows={page.templates}
            rowKey={(c) => c.id}
            empty={t("admin.coupons.none")}
            columns={[
              { header: t("admin.coupons.name"), cell: (c) => <Link to={`/admin/coupons/${c.id}`}>{c.name}</Link> },
              { header: t("admin.coupons.value"), cell: (c) => couponValue(c, t, f) },
              { header: t("admin.common.status"), cell: (c) => t(templateStatusText[c.status]) },
              { header: t("admin.coupons.validity"), cell: (c) => t("sale.window", { from: f.date(c.validFrom), to: f.date(c.validUntil) }) },
              {
                header: (
                  <>
                    {t("admin.coupons.claimed")} / {t("admin.coupons.used")}
                  </>
                ),
                cell: (c) => (
                  <>
                    {c.claimedCount} / {c.totalQuantity} · {c.usedCount}
                  </>
                ),
              },
            ]}
          >
            <Pager pages={pages} nextToken={page.nextPageToken || undefined} />
          </DataTable>
        )}
      </Async>
    </section>
  );
}
