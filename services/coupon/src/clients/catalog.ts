// The product service, for what a coupon's scope names: the category tree (a CATEGORIES scope
// covers the categories below the listed ones; kept `cacheMs`, since every quote asks) and which
// products exist. BatchGetProducts is internal, hence the internal token. A product service that
// does not answer within the deadline is PRODUCT_UNAVAILABLE.
import { createClient, type Transport } from "@connectrpc/connect";
import { productv1 } from "@shop/contracts";
import type { Registry } from "@shop/kit/discovery/registry";
import type { Logger } from "@shop/kit/log";
import { createServiceTransport } from "@shop/kit/rpc/client";
import type { TlsMaterial } from "@shop/kit/rpc/tls";
import type { CategoryNode } from "../domain/categories.ts";
import { productUnavailable } from "../domain/errors.ts";

export interface Catalog {
  /** The category tree; `fresh` skips the kept copy (an id missing from it may be new). */
  categoryTree(fresh?: boolean): Promise<CategoryNode[]>;
  /** Which of `ids` are products (in any status). */
  existingProducts(ids: string[]): Promise<Set<string>>;
  close(): void;
}

export interface CatalogOptions {
  registry: Registry;
  logger: Logger;
  timeoutMs: number;
  cacheMs: number;
  internalToken: string;
  tls?: TlsMaterial;
}

export function createCatalog(o: CatalogOptions): Catalog {
  const transport = createServiceTransport("product", o.registry, {
    timeoutMs: o.timeoutMs,
    logger: o.logger,
    maxAttempts: 2,
    internalToken: o.internalToken,
    tls: o.tls,
  });
  return catalogOver(transport, o.logger, o.cacheMs, () => transport.close());
}

const toNode = (c: productv1.Category): CategoryNode => ({ id: c.id, children: c.children.map(toNode) });

export function catalogOver(transport: Transport, logger: Logger, cacheMs: number, close: () => void = () => undefined): Catalog {
  const client = createClient(productv1.CatalogService, transport);
  const unavailable = (what: string) => (err: unknown) => {
    logger.warn({ err }, `product service did not answer ${what}`);
    throw productUnavailable();
  };
  let kept: { at: number; tree: Promise<CategoryNode[]> } | undefined;
  return {
    categoryTree(fresh = false) {
      if (!fresh && kept && Date.now() - kept.at < cacheMs) return kept.tree;
      const tree = client.getCategoryTree({}).then((r) => r.categories.map(toNode), unavailable("GetCategoryTree"));
      kept = { at: Date.now(), tree };
      tree.catch(() => (kept = undefined)); // a failure is not kept
      return tree;
    },
    async existingProducts(ids) {
      if (!ids.length) return new Set();
      const found = await client.batchGetProducts({ productIds: ids }).catch(unavailable("BatchGetProducts"));
      return new Set(found.products.map((p) => p.id));
    },
    close,
  };
}
