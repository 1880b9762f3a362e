// The admin catalog area's pages (products, categories, stock, reviews, gray release, users).
import type { RouteObject } from "react-router";

export const adminCatalogRoutes: RouteObject[] = [];
