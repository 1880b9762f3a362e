// The product service: SKUs with their product's title, image, status and the current price, and
// the products' categories.
import { createClient, type Transport } from "@connectrpc/connect";
import { productv1 } from "@shop/contracts";
import type { CatalogSku } from "../domain/pricing.ts";
import { upstream } from "@shop/kit/rpc/upstream";

export interface Catalog {
  /** The SKUs that exist, by id. */
  skus(ids: string[]): Promise<Map<string, CatalogSku>>;
  /** Each product's own category id, by product id (a coupon's scope is judged by it). */
  categories(productIds: string[]): Promise<Map<string, string>>;
}

export function catalogOver(transport: Transport): Catalog {
  const client = createClient(productv1.CatalogService, transport);
  return {
    async skus(ids) {
      if (!ids.length) return new Map();
      const res = await upstream("product", () => client.batchGetSkus({ skuIds: [...new Set(ids)] }));
      return new Map(
        res.skus.flatMap(({ sku, productTitle, productStatus, image }) =>
          sku
            ? [
                [
                  sku.id,
                  {
                    skuId: sku.id,
                    productId: sku.productId,
                    title: productTitle,
                    image,
                    specs: sku.specs.map((s) => ({ key: s.key, value: s.value })),
                    priceMinor: Number(sku.priceMinor),
                    currency: sku.currency,
                    onSale: productStatus === productv1.ProductStatus.ON_SALE,
                  },
                ] as const,
              ]
            : [],
        ),
      );
    },
    async categories(productIds) {
      if (!productIds.length) return new Map();
      const res = await upstream("product", () => client.batchGetProducts({ productIds: [...new Set(productIds)] }));
      return new Map(res.products.map((p) => [p.id, p.categoryId] as const));
    },
  };
}
