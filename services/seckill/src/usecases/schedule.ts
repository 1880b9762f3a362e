// ScheduleFlashSale: snapshot the SKU, set its units aside in the inventory service (one
// reservation keyed by the sale id, held until a day after the sale ends: the sweeper gives the
// unsold units back long before), store the sale and open its gate entry. OUT_OF_STOCK from the
// inventory passes through as it is. A sale that cannot be stored gives its units back at once.
import { v7 } from "uuid";
import { skuNotFound } from "../domain/errors.ts";
import { checkNewSale } from "../domain/sale.ts";
import { insertSale, type SaleRow } from "../repo/sales.ts";
import type { Deps } from "./deps.ts";
import { loadIntoGate } from "./load-gate.ts";

const dayMs = 86_400_000;

export interface ScheduleInput {
  skuId: string;
  salePriceMinor: number;
  quantity: number;
  startsAt: Date;
  endsAt: Date;
  adminId: string;
}

export async function scheduleFlashSale(d: Deps, input: ScheduleInput): Promise<SaleRow> {
  const sku = await d.catalog.sku(input.skuId);
  if (!sku) throw skuNotFound(input.skuId);
  const now = Date.now();
  checkNewSale({ ...input, regularPriceMinor: sku.priceMinor }, now);
  const id = v7();
  const ttlSeconds = Math.ceil((input.endsAt.getTime() + dayMs - now) / 1000);
  await d.reservations.setAside(id, sku.skuId, input.quantity, ttlSeconds);
  let sale: SaleRow;
  try {
    sale = await insertSale(d.db, {
      id,
      skuId: sku.skuId,
      productId: sku.productId,
      title: sku.title,
      image: sku.image,
      specs: sku.specs,
      currency: sku.currency,
      salePriceMinor: input.salePriceMinor,
      regularPriceMinor: sku.priceMinor,
      quantity: input.quantity,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      createdBy: input.adminId,
    });
  } catch (err) {
    await d.reservations.release(id, "flash sale not stored").catch((e: unknown) => d.logger.warn({ err: e, saleId: id }, "giving back a sale's units failed"));
    throw err;
  }
  await loadIntoGate(d, sale);
  d.views.forget(id);
  return sale;
}
