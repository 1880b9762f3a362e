// AdminListProducts: every status (or one), newest first, keyset pages by id.
import { pageSizeOf } from "../domain/listing.ts";
import { decodePageToken, encodePageToken, queryFingerprint } from "@shop/kit/page-token";
import type { ProductStatus } from "../domain/product.ts";
import { listAll, type SummaryRow } from "../repo/listing.ts";
import type { Deps } from "./deps.ts";

export interface AdminListInput {
  status?: ProductStatus;
  categoryId?: string;
  pageSize: number;
  pageToken: string;
}

export async function adminListProducts(d: Deps, input: AdminListInput): Promise<{ products: SummaryRow[]; nextPageToken: string }> {
  const limit = pageSizeOf(input.pageSize);
  const fingerprint = queryFingerprint({ status: input.status, categoryId: input.categoryId });
  const after = decodePageToken(input.pageToken, fingerprint, "string");
  const rows = await listAll(d.db, { status: input.status, categoryId: input.categoryId, afterId: after?.id, limit: limit + 1 });
  const products = rows.slice(0, limit);
  const last = products.at(-1);
  return { products, nextPageToken: rows.length > limit && last ? encodePageToken(fingerprint, { key: "", id: last.id }) : "" };
}
