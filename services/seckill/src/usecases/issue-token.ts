// IssueAttemptToken: a short-lived token for this shopper and sale, only while the sale is on.
import { saleEnded, saleNotFound, saleNotStarted } from "../domain/errors.ts";
import { saleStatus } from "../domain/sale.ts";
import { signToken } from "../domain/token.ts";
import type { Deps } from "./deps.ts";

export async function issueAttemptToken(d: Deps, saleId: string, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const sale = await d.views.sale(saleId);
  if (!sale) throw saleNotFound(saleId);
  const now = Date.now();
  const status = saleStatus(sale, now);
  if (status === "SCHEDULED") throw saleNotStarted(saleId, sale.startsAt);
  if (status === "ENDED") throw saleEnded(saleId);
  const expiresMs = Math.min(now + d.tokenTtlSeconds * 1000, sale.endsAt.getTime());
  return { token: signToken(d.tokenSecret, saleId, userId, expiresMs), expiresAt: new Date(expiresMs) };
}
