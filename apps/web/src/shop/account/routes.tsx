// The account area's pages: each is its own chunk, loaded when first visited.
import type { RouteObject } from "react-router";

export const accountRoutes: RouteObject[] = [];
