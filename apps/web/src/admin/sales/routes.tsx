// The admin sales area's pages (orders, coupon templates, flash sales).
import type { RouteObject } from "react-router";

export const adminSalesRoutes: RouteObject[] = [];
