// The order service's upstreams through the balanced client, each with the configured deadline.
import type { Registry } from "@shop/kit/discovery/registry";
import type { Logger } from "@shop/kit/log";
import { serviceTransports } from "@shop/kit/rpc/client";
import type { TlsMaterial } from "@shop/kit/rpc/tls";
import { addressesOver, type Addresses } from "./addresses.ts";
import { cartOver, type Cart } from "./cart.ts";
import { catalogOver, type Catalog } from "./catalog.ts";
import { couponsOver, type Coupons } from "./coupons.ts";
import { reservationsOver, type Reservations } from "./reservations.ts";

export interface Upstreams {
  cart: Cart;
  catalog: Catalog;
  addresses: Addresses;
  reservations: Reservations;
  coupons: Coupons;
}

export function createUpstreams(
  registry: Registry,
  opts: { timeoutMs: number; logger: Logger; internalToken: string; tls?: TlsMaterial },
): Upstreams & { close(): void } {
  const { to, close } = serviceTransports(registry, opts);
  return {
    cart: cartOver(to("cart")),
    catalog: catalogOver(to("product")),
    addresses: addressesOver(to("user")),
    reservations: reservationsOver(to("inventory")),
    coupons: couponsOver(to("coupon")),
    close,
  };
}
