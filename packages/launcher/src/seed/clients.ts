// Typed Connect clients of the services the seed calls, on their own ports (not through the
// gateway, whose per-IP rate limit is meant for shoppers, not for a bulk load from 127.0.0.1).
import { createClient, type CallOptions, type Client } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { inventoryv1, productv1, userv1 } from "@shop/contracts";
import type { Urls } from "../urls.ts";

export interface SeedClients {
  auth: Client<typeof userv1.AuthService>;
  admin: Client<typeof productv1.AdminCatalogService>;
  catalog: Client<typeof productv1.CatalogService>;
  inventory: Client<typeof inventoryv1.InventoryService>;
}

function transport(urls: Urls, service: string) {
  const url = urls.services[service]?.connect;
  if (!url) throw new Error(`the ${service} service is not running`);
  return createConnectTransport({ baseUrl: url, httpVersion: "1.1" });
}

export function seedClients(urls: Urls): SeedClients {
  const product = transport(urls, "product");
  return {
    auth: createClient(userv1.AuthService, transport(urls, "user")),
    admin: createClient(productv1.AdminCatalogService, product),
    catalog: createClient(productv1.CatalogService, product),
    inventory: createClient(inventoryv1.InventoryService, transport(urls, "inventory")),
  };
}

export const asAdmin = (accessToken: string, signal?: AbortSignal): CallOptions => ({
  headers: { authorization: `Bearer ${accessToken}` },
  signal,
  timeoutMs: 30_000,
});
