// AdminFlashSaleService: scheduling, listing and ending sales (the proto's ACCESS_ADMIN, checked by the kit).
import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { ServiceImpl } from "@connectrpc/connect";
import type { seckillv1 } from "@shop/contracts";
import { saleStatus } from "../domain/sale.ts";
import type { Deps } from "../usecases/deps.ts";
import { endFlashSale } from "../usecases/end-sale.ts";
import { getFlashSale, listAllFlashSales } from "../usecases/read-sales.ts";
import { scheduleFlashSale } from "../usecases/schedule.ts";
import { callerOf, toFlashSale } from "./mapping.ts";

export function adminFlashSaleService(d: Deps): ServiceImpl<typeof seckillv1.AdminFlashSaleService> {
  return {
    async scheduleFlashSale(req, ctx) {
      const sale = await scheduleFlashSale(d, {
        skuId: req.skuId,
        salePriceMinor: Number(req.salePriceMinor),
        quantity: req.quantity,
        startsAt: timestampDate(req.startsAt!),
        endsAt: timestampDate(req.endsAt!),
        adminId: callerOf(ctx),
      });
      return toFlashSale({ sale, status: saleStatus(sale, Date.now()), remaining: sale.quantity, counts: { won: 0, ordered: 0, paid: 0, returned: 0 } });
    },
    async listAllFlashSales(req) {
      return { sales: (await listAllFlashSales(d, req.pageSize)).map(toFlashSale) };
    },
    async endFlashSale(req, ctx) {
      await endFlashSale(d, req.saleId, callerOf(ctx));
      return toFlashSale(await getFlashSale(d, req.saleId));
    },
  };
}
