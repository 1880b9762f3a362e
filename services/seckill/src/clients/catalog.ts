// The product service: the SKU a sale is for, with what the sale page shows of its product.
import { createClient, type Transport } from "@connectrpc/connect";
import { productv1 } from "@shop/contracts";
import { upstream } from "@shop/kit/rpc/upstream";

export interface SkuSnapshot {
  skuId: string;
  productId: string;
  title: string;
  image: string;
  specs: { key: string; value: string }[];
  priceMinor: number;
  currency: string;
}

export interface Catalog {
  /** The SKU, or undefined when there is none. */
  sku(id: string): Promise<SkuSnapshot | undefined>;
}

export function catalogOver(transport: Transport): Catalog {
  const client = createClient(productv1.CatalogService, transport);
  return {
    async sku(id) {
      const res = await upstream("product", () => client.batchGetSkus({ skuIds: [id] }));
      const found = res.skus.find((s) => s.sku?.id === id);
      if (!found?.sku) return undefined;
      const { sku, productTitle, image } = found;
      return {
        skuId: sku.id,
        productId: sku.productId,
        title: productTitle,
        image,
        specs: sku.specs.map((s) => ({ key: s.key, value: s.value })),
        priceMinor: Number(sku.priceMinor),
        currency: sku.currency,
      };
    },
  };
}
