// GetStock and GetAvailability: a SKU without a row has nothing on hand and nothing reserved.
import { availableOf, findStock } from "../repo/stock.ts";
import type { Deps } from "./deps.ts";

export interface StockView {
  skuId: string;
  onHand: number;
  reserved: number;
  updatedAt?: Date;
}

export async function getStock(d: Deps, skuId: string): Promise<StockView> {
  return (await findStock(d.db, skuId)) ?? { skuId, onHand: 0, reserved: 0 };
}

/** Available per SKU, in the order asked, in one query. */
export async function getAvailability(d: Deps, skuIds: string[]): Promise<{ skuId: string; available: number }[]> {
  const found = await availableOf(d.db, skuIds);
  return skuIds.map((skuId) => ({ skuId, available: found.get(skuId) ?? 0 }));
}
