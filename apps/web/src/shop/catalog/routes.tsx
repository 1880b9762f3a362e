// The catalog area's pages: each is its own chunk, loaded when first visited.
import type { RouteObject } from "react-router";

export const catalogRoutes: RouteObject[] = [{ index: true, lazy: () => import("./home.tsx") }];
