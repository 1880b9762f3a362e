// The operations view's pages (services, traces, routes, bus, dead letters).
import type { RouteObject } from "react-router";

export const opsRoutes: RouteObject[] = [];
