// My coupons (newest first, page by page) and the ones I may claim now, each with Claim.
import { useQuery } from "@tanstack/react-query";
import { CouponService } from "@shop/contracts/shop/coupon/v1/service_pb.ts";
import { rpcQuery, useRpcMutation } from "../../api/query.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { Pager, usePageTokens } from "../../ui/pager.tsx";
import { Async, ErrorBox } from "../../ui/status.tsx";
import { couponRule, couponStatusKey } from "./coupon-text.ts";
import { SignedIn } from "./signed-in.tsx";

export function Component() {
  return (
    <SignedIn>
      <h1>{useT()("nav.coupons")}</h1>
      <Claimable />
      <Mine />
    </SignedIn>
  );
}

function Claimable() {
  const t = useT();
  const f = useFormat();
  const list = useQuery(rpcQuery(CouponService.method.listClaimableCoupons, {}));
  const claim = useRpcMutation(CouponService.method.claimCoupon, { idempotent: true });
  return (
    <section aria-labelledby="claimable-h">
      <h2 id="claimable-h">{t("coupons.claimable")}</h2>
      {claim.error && <ErrorBox error={claim.error} />}
      <Async query={list}>
        {(data) =>
          data.coupons.length === 0 ? (
            <p className="muted">{t("coupons.noneClaimable")}</p>
          ) : (
            <ul className="grid">
              {data.coupons.map(({ template: c, leftForMe }) =>
                c ? (
                  <li key={c.id} className="card coupon">
                    <h3>{c.name}</h3>
                    <p className="price">{couponRule(t, f, c)}</p>
                    {c.description && <p>{c.description}</p>}
                    <p className="muted">{t("coupons.validUntil", { at: f.dateTime(c.validUntil) })}</p>
                    <button
                      type="button"
                      className="primary"
                      aria-label={t("coupons.claimNamed", { name: c.name })}
                      disabled={claim.isPending || leftForMe <= 0}
                      onClick={() => claim.mutate({ templateId: c.id })}
                    >
                      {t("coupons.claim")}
                    </button>
                  </li>
                ) : null,
              )}
            </ul>
          )
        }
      </Async>
    </section>
  );
}

function Mine() {
  const t = useT();
  const f = useFormat();
  const pages = usePageTokens();
  const list = useQuery(rpcQuery(CouponService.method.listMyCoupons, { pageSize: 20, pageToken: pages.token }));
  return (
    <section aria-labelledby="mine-h">
      <h2 id="mine-h">{t("coupons.mine")}</h2>
      <Async query={list}>
        {(data) =>
          data.coupons.length === 0 ? (
            <p className="muted">{t("coupons.noneMine")}</p>
          ) : (
            <>
              <ul className="grid">
                {data.coupons.map((uc) => (
                  <li key={uc.id} className="card coupon">
                    <h3>{uc.template?.name}</h3>
                    {uc.template && <p className="price">{couponRule(t, f, uc.template)}</p>}
                    <p>
                      <span className="badge">{t(couponStatusKey[uc.status])}</span>
                    </p>
                    <p className="muted">{t("coupons.validUntil", { at: f.dateTime(uc.expiresAt ?? uc.template?.validUntil) })}</p>
                  </li>
                ))}
              </ul>
              <Pager pages={pages} nextToken={data.nextPageToken} />
            </>
          )
        }
      </Async>
    </section>
  );
}
