// Merging a guest cart into a shopper's (MergeGuestCart), as a pure rule: the PostgreSQL adapter
// applies it in a transaction, the Redis adapter's merge script is the same rule in Lua.
// Guest lines go in oldest first. A SKU in both carts gets the sum, capped (but never below what
// the shopper's line already held); a new line is capped (and holds at least 1, so the shopper
// sees the out-of-stock line rather than losing it); lines past the limit are left out.
import type { StoredLine } from "../store/port.ts";

export interface MergePlan {
  /** The lines to write into the shopper's cart (new or changed), each complete. */
  writes: StoredLine[];
  adjusted: string[];
}

export function planMerge(user: StoredLine[], guest: StoredLine[], capOf: (skuId: string) => number, maxLines: number): MergePlan {
  const mine = new Map(user.map((l) => [l.skuId, l]));
  let count = user.length;
  const writes: StoredLine[] = [];
  const adjusted: string[] = [];
  const ordered = [...guest].sort((a, b) => a.addedAt.getTime() - b.addedAt.getTime() || (a.skuId < b.skuId ? -1 : 1));
  for (const line of ordered) {
    const cap = capOf(line.skuId);
    const existing = mine.get(line.skuId);
    if (existing) {
      const sum = existing.quantity + line.quantity;
      const kept = Math.max(existing.quantity, Math.min(sum, cap));
      if (kept < sum) adjusted.push(line.skuId);
      writes.push({ ...existing, quantity: kept });
    } else if (count >= maxLines) {
      adjusted.push(line.skuId);
    } else {
      const kept = Math.max(1, Math.min(line.quantity, cap));
      if (kept !== line.quantity) adjusted.push(line.skuId);
      writes.push({ ...line, quantity: kept });
      count++;
    }
  }
  return { writes, adjusted };
}
