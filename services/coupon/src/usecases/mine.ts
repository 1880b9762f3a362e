// What a shopper sees: the templates they may claim now, and their coupons page by page.
import { decodePageToken, encodePageToken, queryFingerprint } from "@shop/kit/page-token";
import { claimableFor, listCoupons, type Coupon, type MyStatus } from "../repo/claims.ts";
import type { TemplateRow } from "../repo/templates.ts";
import type { Deps } from "./deps.ts";

const defaultPageSize = 20;
const maxPageSize = 100;

export interface Claimable {
  template: TemplateRow;
  claimedByMe: number;
  /** min(per-user limit − claimed by me, left in all). */
  leftForMe: number;
}

export async function listClaimable(d: Deps, userId: string): Promise<Claimable[]> {
  const rows = await claimableFor(d.db, userId);
  return rows.map(({ template, claimedByMe }) => ({
    template,
    claimedByMe,
    leftForMe: Math.min(template.perUserLimit - claimedByMe, template.totalQuantity - template.claimedCount),
  }));
}

export async function listMine(
  d: Deps,
  userId: string,
  input: { status?: MyStatus; pageSize: number; pageToken: string },
): Promise<{ coupons: Coupon[]; nextPageToken: string }> {
  const limit = Math.min(input.pageSize || defaultPageSize, maxPageSize);
  const fingerprint = queryFingerprint({ status: input.status ?? null });
  const after = decodePageToken(input.pageToken, fingerprint, "string");
  const rows = await listCoupons(d.db, userId, input.status, { beforeId: after?.id, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { coupons: page, nextPageToken: rows.length > limit && last ? encodePageToken(fingerprint, { key: "", id: last.id }) : "" };
}
