// FlashSaleService: the public sale pages and the signed-in shopper's tokens and attempts.
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { ServiceImpl } from "@connectrpc/connect";
import type { seckillv1 } from "@shop/contracts";
import { attemptPurchase } from "../usecases/attempt.ts";
import type { Deps } from "../usecases/deps.ts";
import { followSale, unfollowSale } from "../usecases/follow.ts";
import { issueAttemptToken } from "../usecases/issue-token.ts";
import { getMyAttempt } from "../usecases/my-attempt.ts";
import { getFlashSale, listFlashSales, withoutCounts } from "../usecases/read-sales.ts";
import { callerOf, toAttemptResult, toFlashSale } from "./mapping.ts";

export function flashSaleService(d: Deps): ServiceImpl<typeof seckillv1.FlashSaleService> {
  return {
    async listFlashSales() {
      return { sales: (await listFlashSales(d)).map((v) => toFlashSale(withoutCounts(v))) };
    },
    async getFlashSale(req) {
      return toFlashSale(withoutCounts(await getFlashSale(d, req.saleId)));
    },
    async issueAttemptToken(req, ctx) {
      const t = await issueAttemptToken(d, req.saleId, callerOf(ctx));
      return { token: t.token, expiresAt: timestampFromDate(t.expiresAt) };
    },
    async attemptPurchase(req, ctx) {
      return toAttemptResult(await attemptPurchase(d, { saleId: req.saleId, userId: callerOf(ctx), token: req.token, addressId: req.addressId }));
    },
    async getMyAttempt(req, ctx) {
      return toAttemptResult(await getMyAttempt(d, req.saleId, callerOf(ctx)));
    },
    async followFlashSale(req, ctx) {
      await followSale(d, req.saleId, callerOf(ctx));
      return { following: true };
    },
    async unfollowFlashSale(req, ctx) {
      await unfollowSale(d, req.saleId, callerOf(ctx));
      return { following: false };
    },
  };
}
