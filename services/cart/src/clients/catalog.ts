// What a cart shows of its SKUs, in one call per read: BatchGetSkus to the product service (an
// internal RPC, hence the internal token) and GetAvailability to the inventory service, in
// parallel. The product's answer is the substance of a cart, so its failure fails the call
// (UNAVAILABLE); availability is a nicety, so without it the lines simply carry no stock figures.
import { createClient, type Transport } from "@connectrpc/connect";
import { inventoryv1, productv1 } from "@shop/contracts";
import type { Registry } from "@shop/kit/discovery/registry";
import type { Logger } from "@shop/kit/log";
import { createServiceTransport } from "@shop/kit/rpc/client";
import type { TlsMaterial } from "@shop/kit/rpc/tls";
import { productUnavailable } from "../domain/errors.ts";

export interface SkuFacts {
  skuId: string;
  productId: string;
  title: string;
  image: string;
  specs: { key: string; value: string }[];
  priceMinor: number;
  currency: string;
  onSale: boolean;
}

export interface Lookup {
  /** Known SKUs by id (unknown ones are absent). */
  skus: Map<string, SkuFacts>;
  /** Available units by SKU; undefined when the inventory service could not be asked. */
  available?: Map<string, number>;
}

export interface Catalog {
  lookup(skuIds: string[]): Promise<Lookup>;
  close(): void;
}

export interface CatalogOptions {
  registry: Registry;
  logger: Logger;
  productTimeoutMs: number;
  inventoryTimeoutMs: number;
  internalToken: string;
  tls?: TlsMaterial;
}

export function createCatalog(o: CatalogOptions): Catalog {
  // Few attempts: a second try on another instance is worth it, a third only delays the cart (and
  // piles more work on an upstream that is already overloaded).
  const product = createServiceTransport("product", o.registry, {
    timeoutMs: o.productTimeoutMs,
    logger: o.logger,
    maxAttempts: 2,
    internalToken: o.internalToken,
    tls: o.tls,
  });
  const inventory = createServiceTransport("inventory", o.registry, { timeoutMs: o.inventoryTimeoutMs, logger: o.logger, maxAttempts: 2, tls: o.tls });
  return catalogOver(product, inventory, o.logger, () => {
    product.close();
    inventory.close();
  });
}

/** The two services behind their transports (balanced clients, or in-process ones in tests). */
export function catalogOver(productTransport: Transport, inventoryTransport: Transport, logger: Logger, close: () => void = () => undefined): Catalog {
  const products = createClient(productv1.CatalogService, productTransport);
  const inventory = createClient(inventoryv1.InventoryService, inventoryTransport);
  return {
    async lookup(skuIds) {
      if (!skuIds.length) return { skus: new Map(), available: new Map() };
      const [found, levels] = await Promise.all([
        products.batchGetSkus({ skuIds }).catch((err: unknown) => {
          logger.warn({ err }, "product service did not answer BatchGetSkus");
          throw productUnavailable();
        }),
        inventory.getAvailability({ skuIds }).catch((err: unknown) => {
          logger.warn({ err }, "inventory service did not answer; cart lines go without stock figures");
          return undefined;
        }),
      ]);
      const skus = new Map(
        found.skus.map(({ sku, productTitle, productStatus, image }): [string, SkuFacts] => [
          sku!.id,
          {
            skuId: sku!.id,
            productId: sku!.productId,
            title: productTitle,
            image,
            specs: sku!.specs.map((s) => ({ key: s.key, value: s.value })),
            priceMinor: Number(sku!.priceMinor),
            currency: sku!.currency,
            onSale: productStatus === productv1.ProductStatus.ON_SALE,
          },
        ]),
      );
      return { skus, available: levels && new Map(levels.levels.map((l) => [l.skuId, l.available])) };
    },
    close,
  };
}
