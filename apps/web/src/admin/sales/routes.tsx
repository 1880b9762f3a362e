// The admin sales area's pages (orders, coupon templates, flash sales), each its own chunk.
import type { RouteObject } from "react-router";

export const adminSalesRoutes: RouteObject[] = [
  { path: "orders", lazy: () => import("./orders.tsx") },
  { path: "orders/:orderId", lazy: () => import("./order.tsx") },
  { path: "coupons", lazy: () => import("./coupons.tsx") },
  { path: "coupons/:templateId", lazy: () => import("./coupon.tsx") },
  { path: "flash-sales", lazy: () => import("./flash-sales.tsx") },
];
