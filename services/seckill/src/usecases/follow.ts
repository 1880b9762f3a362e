// FollowFlashSale / UnfollowFlashSale: a shopper asks to be told before a sale starts. Only a sale
// still to start can be followed; unfollowing is always allowed for a sale that exists.
import { saleNotFound, saleNotUpcoming } from "../domain/errors.ts";
import { saleStatus } from "../domain/sale.ts";
import { follow, unfollow } from "../repo/followers.ts";
import { findSale } from "../repo/sales.ts";
import type { Deps } from "./deps.ts";

export async function followSale(d: Deps, saleId: string, userId: string): Promise<void> {
  const sale = await findSale(d.db, saleId);
  if (!sale) throw saleNotFound(saleId);
  if (sale.endedAt || saleStatus(sale, Date.now()) !== "SCHEDULED") throw saleNotUpcoming(saleId);
  await follow(d.db, saleId, userId);
}

export async function unfollowSale(d: Deps, saleId: string, userId: string): Promise<void> {
  if (!(await findSale(d.db, saleId))) throw saleNotFound(saleId);
  await unfollow(d.db, saleId, userId);
}
