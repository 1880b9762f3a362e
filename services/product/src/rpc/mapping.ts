// Domain rows <-> proto messages. Amounts are numbers inside the service and int64 (bigint) in
// the generated code; the conversion happens here and only here.
import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { productv1 } from "@shop/contracts";
import type { CategoryNode } from "../domain/category-tree.ts";
import type { Sort } from "../domain/listing.ts";
import type { Attribute, ProductStatus } from "../domain/product.ts";
import type { CategoryRow } from "../repo/categories.ts";
import type { ProductDetail } from "../repo/details.ts";
import type { SummaryRow } from "../repo/listing.ts";
import type { SkuRow } from "../repo/skus.ts";
import type { Suggestion } from "../search/port.ts";

export const statusToProto: Record<ProductStatus, productv1.ProductStatus> = {
  draft: productv1.ProductStatus.DRAFT,
  on_sale: productv1.ProductStatus.ON_SALE,
  off_sale: productv1.ProductStatus.OFF_SALE,
};

export function statusFromProto(status: productv1.ProductStatus): ProductStatus | undefined {
  switch (status) {
    case productv1.ProductStatus.DRAFT:
      return "draft";
    case productv1.ProductStatus.ON_SALE:
      return "on_sale";
    case productv1.ProductStatus.OFF_SALE:
      return "off_sale";
    case productv1.ProductStatus.UNSPECIFIED:
      return undefined;
  }
}

/** The sort asked for; UNSPECIFIED is the caller's default (newest for a list, relevance for a search). */
export function sortFromProto(sort: productv1.ProductSort, unspecified: Sort): Sort {
  switch (sort) {
    case productv1.ProductSort.NEWEST:
      return "newest";
    case productv1.ProductSort.PRICE_ASC:
      return "price_asc";
    case productv1.ProductSort.PRICE_DESC:
      return "price_desc";
    case productv1.ProductSort.BEST_SELLING:
      return "best_selling";
    case productv1.ProductSort.RELEVANCE:
      return "relevance";
    case productv1.ProductSort.TOP_RATED:
      return "top_rated";
    case productv1.ProductSort.UNSPECIFIED:
      return unspecified;
  }
}

/** int64 → number: every amount is bounded (10^12) by the API, far below 2^53. */
export const fromInt64 = (n: bigint) => Number(n);
const money = (n: number | null) => BigInt(n ?? 0);
const ts = (d: Date | null) => (d ? timestampFromDate(d) : undefined);
/** Proto attributes → plain objects (no message metadata in the stored JSON). */
export const attributesFrom = (list: { key: string; value: string }[]): Attribute[] => list.map(({ key, value }) => ({ key, value }));

export function toSku(row: SkuRow, available?: number): MessageInitShape<typeof productv1.SkuSchema> {
  return {
    id: row.id,
    productId: row.productId,
    code: row.code,
    specs: row.specs,
    priceMinor: money(row.priceMinor),
    compareAtPriceMinor: money(row.compareAtPriceMinor),
    currency: row.currency,
    available,
    createdAt: ts(row.createdAt),
    updatedAt: ts(row.updatedAt),
  };
}

export function toProduct(p: ProductDetail, availability?: Map<string, number>): MessageInitShape<typeof productv1.ProductSchema> {
  return {
    id: p.id,
    title: p.title,
    subtitle: p.subtitle,
    description: p.description,
    brand: p.brand,
    categoryId: p.categoryId,
    images: p.images,
    attributes: p.attributes,
    status: statusToProto[p.status],
    skus: p.skus.map((s) => toSku(s, availability?.get(s.id))),
    salesCount: BigInt(p.salesCount),
    createdAt: ts(p.createdAt),
    updatedAt: ts(p.updatedAt),
    publishedAt: ts(p.publishedAt),
    ratingAverage: p.ratingScore / 100,
    ratingCount: p.ratingCount,
  };
}

export function toSummary(s: SummaryRow): MessageInitShape<typeof productv1.ProductSummarySchema> {
  return {
    id: s.id,
    title: s.title,
    subtitle: s.subtitle,
    brand: s.brand,
    categoryId: s.categoryId,
    image: s.image ?? "",
    priceMinor: money(s.priceMinor),
    compareAtPriceMinor: money(s.compareAtPriceMinor),
    currency: s.currency ?? "",
    salesCount: BigInt(s.salesCount),
    status: statusToProto[s.status],
    publishedAt: ts(s.publishedAt),
    ratingAverage: s.ratingScore / 100,
    ratingCount: s.ratingCount,
  };
}

export function toCategory(row: CategoryRow, children: CategoryNode<CategoryRow>[] = []): MessageInitShape<typeof productv1.CategorySchema> {
  return {
    id: row.id,
    parentId: row.parentId ?? "",
    name: row.name,
    sortOrder: row.sortOrder,
    children: children.map((c) => toCategory(c.row, c.children)),
    createdAt: ts(row.createdAt),
    updatedAt: ts(row.updatedAt),
  };
}

const suggestionKinds = { brand: productv1.SuggestionKind.BRAND, product: productv1.SuggestionKind.PRODUCT } as const;

export const toSuggestion = (s: Suggestion): MessageInitShape<typeof productv1.SuggestionSchema> => ({
  kind: suggestionKinds[s.kind],
  text: s.text,
  highlighted: s.highlighted,
  productId: s.productId ?? "",
});
