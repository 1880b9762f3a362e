// ListProducts: on-sale products, filtered, in one of the list sorts, one keyset page at a time;
// each page micro-cached (see cache.ts).
import { cursorKeyType, normalizeFilter, pageSizeOf, type ProductFilter, type Sort } from "../domain/listing.ts";
import { decodePageToken, encodePageToken, queryFingerprint } from "@shop/kit/page-token";
import { keys, type ListPage } from "../cache.ts";
import { listOnSale, listSorts, type ListSort } from "../repo/listing.ts";
import type { Deps } from "./deps.ts";

export interface ListInput {
  filter: ProductFilter;
  sort: Sort;
  pageSize: number;
  pageToken: string;
}

export async function listProducts(d: Deps, input: ListInput): Promise<ListPage> {
  const filter = normalizeFilter(input.filter);
  const sort: ListSort = input.sort === "relevance" ? "newest" : input.sort; // nothing to be relevant to
  const limit = pageSizeOf(input.pageSize);
  const fingerprint = queryFingerprint({ filter, sort });
  const after = decodePageToken(input.pageToken, fingerprint, cursorKeyType(sort));
  const load = async (): Promise<ListPage> => {
    const rows = await listOnSale(d.db, { filter, sort, after, limit: limit + 1 });
    const products = rows.slice(0, limit);
    const last = products.at(-1);
    const nextPageToken = rows.length > limit && last ? encodePageToken(fingerprint, { key: listSorts[sort].keyOf(last), id: last.id }) : "";
    return { products, nextPageToken };
  };
  return d.cache.lists ? d.cache.lists.get(keys.list(fingerprint, input.pageToken, limit), load) : load();
}
