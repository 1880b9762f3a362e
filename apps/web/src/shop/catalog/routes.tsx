// The catalog area's pages: each is its own chunk, loaded when first visited.
import type { RouteObject } from "react-router";

export const catalogRoutes: RouteObject[] = [
  { index: true, lazy: () => import("./home.tsx") },
  { path: "products", lazy: () => import("./products.tsx") },
  { path: "c/:categoryId", lazy: () => import("./products.tsx") },
  { path: "search", lazy: () => import("./search.tsx") },
  { path: "p/:productId", lazy: () => import("./product.tsx") },
  { path: "cart", lazy: () => import("./cart.tsx") },
];
