// The account area's pages: each is its own chunk, loaded when first visited.
import type { RouteObject } from "react-router";

export const accountRoutes: RouteObject[] = [
  { path: "checkout", lazy: () => import("./checkout.tsx") },
  { path: "pay/return/:paymentId", lazy: () => import("./pay-return.tsx") },
  { path: "account", lazy: () => import("./account.tsx") },
  { path: "account/addresses", lazy: () => import("./addresses.tsx") },
  { path: "account/orders", lazy: () => import("./orders.tsx") },
  { path: "account/orders/:orderId", lazy: () => import("./order.tsx") },
  { path: "account/coupons", lazy: () => import("./coupons.tsx") },
  { path: "account/wallet", lazy: () => import("./wallet.tsx") },
  { path: "account/inbox", lazy: () => import("./inbox.tsx") },
];
