// Stock figures for the product detail, from the inventory service (GetAvailability) through the
// balanced client. Availability is a nicety of the page, not its substance: when inventory cannot
// answer in time, the product is still shown, without figures (degrade, don't fail).
import { createClient, type Transport } from "@connectrpc/connect";
import { inventoryv1 } from "@shop/contracts";
import type { Registry } from "@shop/kit/discovery/registry";
import type { Logger } from "@shop/kit/log";
import { createServiceTransport } from "@shop/kit/rpc/client";
import type { TlsMaterial } from "@shop/kit/rpc/tls";

export interface Inventory {
  /** Available units per SKU (unknown SKUs have 0). Throws when the inventory service fails. */
  availability(skuIds: string[]): Promise<Map<string, number>>;
  close(): void;
}

export function createInventory(registry: Registry, timeoutMs: number, logger: Logger, tls?: TlsMaterial): Inventory {
  // Few attempts: a second try on another instance is worth it, a third only delays the page.
  const transport = createServiceTransport("inventory", registry, { timeoutMs, logger, maxAttempts: 2, tls });
  return inventoryOver(transport, () => transport.close());
}

/** The inventory service behind `transport` (the balanced client, or an in-process one in tests). */
export function inventoryOver(transport: Transport, close: () => void = () => undefined): Inventory {
  const client = createClient(inventoryv1.InventoryService, transport);
  return {
    async availability(skuIds) {
      if (!skuIds.length) return new Map();
      const res = await client.getAvailability({ skuIds });
      return new Map(res.levels.map((l) => [l.skuId, l.available]));
    },
    close,
  };
}
