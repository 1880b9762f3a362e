// The sale area's pages: each is its own chunk, loaded when first visited.
import type { RouteObject } from "react-router";

export const saleRoutes: RouteObject[] = [
  { path: "flash-sales", lazy: () => import("./sales.tsx") },
  { path: "flash-sales/:saleId", lazy: () => import("./sale.tsx") },
];
