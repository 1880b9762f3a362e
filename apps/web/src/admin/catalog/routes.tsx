// The admin catalog area's pages (products, categories, stock, reviews, gray release, users).
import type { RouteObject } from "react-router";

export const adminCatalogRoutes: RouteObject[] = [
  { path: "products", lazy: () => import("./products.tsx") },
  { path: "products/:productId", lazy: () => import("./product-page.tsx") },
  { path: "categories", lazy: () => import("./categories.tsx") },
  { path: "stock", lazy: () => import("./stock.tsx") },
  { path: "reviews", lazy: () => import("./reviews.tsx") },
  { path: "gray", lazy: () => import("./gray.tsx") },
  { path: "users", lazy: () => import("./users.tsx") },
];
