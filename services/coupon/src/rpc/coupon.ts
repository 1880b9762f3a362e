// CouponService (the signed-in shopper's coupons) and AdminCouponService: the kit's interceptors
// have checked access (the proto's option) and input; ClaimCoupon, CreateCouponTemplate and
// EndCouponTemplate honour an Idempotency-Key through the kit's guard.
import type { ServiceImpl } from "@connectrpc/connect";
import type { couponv1 } from "@shop/contracts";
import { claimCoupon } from "../usecases/claim.ts";
import type { Deps } from "../usecases/deps.ts";
import { listClaimable, listMine } from "../usecases/mine.ts";
import { createTemplate, endTemplateEarly, getTemplate, listTemplatePage } from "../usecases/templates.ts";
import { callerOf, fromCreate, myStatusFilter, templateStatusFilter, toClaimable, toTemplate, toUserCoupon } from "./mapping.ts";

export function couponService(d: Deps): ServiceImpl<typeof couponv1.CouponService> {
  return {
    async listClaimableCoupons(_req, ctx) {
      return { coupons: (await listClaimable(d, callerOf(ctx))).map(toClaimable) };
    },
    async claimCoupon(req, ctx) {
      return toUserCoupon(await claimCoupon(d, callerOf(ctx), req.templateId));
    },
    async listMyCoupons(req, ctx) {
      const page = await listMine(d, callerOf(ctx), { status: myStatusFilter(req.status), pageSize: req.pageSize, pageToken: req.pageToken });
      return { coupons: page.coupons.map(toUserCoupon), nextPageToken: page.nextPageToken };
    },
  };
}

export function adminCouponService(d: Deps): ServiceImpl<typeof couponv1.AdminCouponService> {
  return {
    async createCouponTemplate(req) {
      return toTemplate(await createTemplate(d, fromCreate(req)), true);
    },
    async listCouponTemplates(req) {
      const page = await listTemplatePage(d, { status: templateStatusFilter(req.status), pageSize: req.pageSize, pageToken: req.pageToken });
      return { templates: page.templates.map((t) => toTemplate(t, true)), nextPageToken: page.nextPageToken };
    },
    async getCouponTemplate(req) {
      return toTemplate(await getTemplate(d, req.templateId), true);
    },
    async endCouponTemplate(req) {
      return toTemplate(await endTemplateEarly(d, req.templateId), true);
    },
  };
}
