// /admin/coupons/:templateId: one template as shoppers will meet it, and ending its claiming early.
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { AdminCouponService } from "@shop/contracts/shop/coupon/v1/service_pb.ts";
import { CouponScope, TemplateStatus, type CouponTemplate } from "@shop/contracts/shop/coupon/v1/coupon_pb.ts";
import { rpcQuery, useRpcMutation } from "../../api/query.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { Async, ErrorBox } from "../../ui/status.tsx";
import { Confirm } from "./confirm.tsx";
import { couponValue } from "./coupon-value.ts";
import { couponKindText, couponScopeText, templateStatusText } from "./labels.ts";

function TemplateView({ c }: { c: CouponTemplate }) {
  const t = useT();
  const f = useFormat();
  const end = useRpcMutation(AdminCouponService.method.endCouponTemplate);
  return (
    <>
      <h1>
        {c.name} <span className="sales-status">{t(templateStatusText[c.status])}</span>
      </h1>
      {c.description && <p>{c.description}</p>}
      <dl className="sales-facts card">
        <dt>{t("admin.coupons.kind")}</dt>
        <dd>{t(couponKindText[c.kind])}</dd>
        <dt>{t("admin.coupons.value")}</dt>
        <dd>{couponValue(c, t, f)}</dd>
        <dt>{t("admin.coupons.validity")}</dt>
        <dd>{t("sale.window", { from: f.dateTime(c.validFrom), to: f.dateTime(c.validUntil) })}</dd>
        <dt>{t("admin.coupons.totalQuantity")}</dt>
        <dd>{c.totalQuantity}</dd>
        <dt>{t("admin.coupons.perUserLimit")}</dt>
        <dd>{c.perUserLimit}</dd>
        <dt>{t("admin.coupons.claimed")}</dt>
        <dd>{c.claimedCount}</dd>
        <dt>{t("admin.coupons.used")}</dt>
        <dd>{c.usedCount}</dd>
        <dt>{t("admin.coupons.scope")}</dt>
        <dd>
          {t(couponScopeText[c.scope])}
          {c.scope === CouponScope.CATEGORIES && <code className="sales-id"> {c.categoryIds.join(", ")}</code>}
          {c.scope === CouponScope.PRODUCTS && <code className="sales-id"> {c.productIds.join(", ")}</code>}
        </dd>
        {c.endedAt && (
          <>
            <dt>{t("sale.enum.template.ENDED")}</dt>
            <dd>{t("admin.coupons.endedAt", { at: f.dateTime(c.endedAt) })}</dd>
          </>
        )}
      </dl>
      {c.status !== TemplateStatus.ENDED && (
        <Confirm
          label={t("admin.coupons.end")}
          question={t("admin.coupons.endConfirm", { name: c.name })}
          yes={t("admin.coupons.endYes")}
          busy={end.isPending}
          onConfirm={() => end.mutate({ templateId: c.id })}
        />
      )}
      {end.error && <ErrorBox error={end.error} />}
    </>
  );
}

export function Component() {
  const t = useT();
  const { templateId = "" } = useParams();
  const template = useQuery(rpcQuery(AdminCouponService.method.getCouponTemplate, { templateId }));
  return (
    <section>
      <p>
        <Link to="/admin/coupons">← {t("admin.coupons.back")}</Link>
      </p>
      <Async query={template}>{(c) => <TemplateView c={c} />}</Async>
    </section>
  );
}
