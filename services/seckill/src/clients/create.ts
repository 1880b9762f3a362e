// The seckill service's upstreams through the balanced client, each with the configured deadline.
import type { Registry } from "@shop/kit/discovery/registry";
import type { Logger } from "@shop/kit/log";
import { serviceTransports } from "@shop/kit/rpc/client";
import type { TlsMaterial } from "@shop/kit/rpc/tls";
import { catalogOver, type Catalog } from "./catalog.ts";
import { reservationsOver, type Reservations } from "./reservations.ts";

export interface Upstreams {
  catalog: Catalog;
  reservations: Reservations;
}

export function createUpstreams(
  registry: Registry,
  opts: { timeoutMs: number; logger: Logger; internalToken: string; tls?: TlsMaterial },
): Upstreams & { close(): void } {
  const { to, close } = serviceTransports(registry, opts);
  return {
    catalog: catalogOver(to("product")),
    reservations: reservationsOver(to("inventory")),
    close,
  };
}
