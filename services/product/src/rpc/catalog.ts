// CatalogService: the public catalog and the batch reads of other services.
import type { ServiceImpl } from "@connectrpc/connect";
import type { productv1 } from "@shop/contracts";
import type { ProductFilter } from "../domain/listing.ts";
import { batchGetProducts, batchGetSkus } from "../usecases/batch-get.ts";
import type { Deps } from "../usecases/deps.ts";
import { getCategoryTree } from "../usecases/get-category-tree.ts";
import { getProduct } from "../usecases/get-product.ts";
import { listProducts } from "../usecases/list-products.ts";
import { fromInt64, sortFromProto, statusToProto, toCategory, toProduct, toSku, toSummary } from "./mapping.ts";

/** The filter fields a list and a search request share; zero values mean "no filter". */
export function filterFrom(m: {
  categoryId: string;
  brands: string[];
  minPriceMinor: bigint;
  maxPriceMinor: bigint;
  currency: string;
  minRating: number;
}): ProductFilter {
  return {
    categoryId: m.categoryId || undefined,
    brands: m.brands,
    minPriceMinor: m.minPriceMinor ? fromInt64(m.minPriceMinor) : undefined,
    maxPriceMinor: m.maxPriceMinor ? fromInt64(m.maxPriceMinor) : undefined,
    currency: m.currency || undefined,
    minRating: m.minRating || undefined,
  };
}

export function catalogService(d: Deps): ServiceImpl<typeof productv1.CatalogService> {
  return {
    async listProducts(req) {
      const page = await listProducts(d, {
        filter: filterFrom(req),
        sort: sortFromProto(req.sort, "newest"),
        pageSize: req.pageSize,
        pageToken: req.pageToken,
      });
      return { products: page.products.map(toSummary), nextPageToken: page.nextPageToken };
    },
    async getProduct(req) {
      const { product, availability } = await getProduct(d, req.productId);
      return toProduct(product, availability);
    },
    async getCategoryTree() {
      return { categories: (await getCategoryTree(d)).map((n) => toCategory(n.row, n.children)) };
    },
    async batchGetProducts(req) {
      return { products: (await batchGetProducts(d, req.productIds)).map((p) => toProduct(p)) };
    },
    async batchGetSkus(req) {
      const found = await batchGetSkus(d, req.skuIds);
      return {
        skus: found.map(({ sku, product }) => ({
          sku: toSku(sku),
          productTitle: product.title,
          productStatus: statusToProto[product.status],
          image: product.images[0] ?? "",
        })),
      };
    },
  };
}
