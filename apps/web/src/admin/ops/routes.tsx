// The operations view's pages (services, traces, routes, bus, dead letters).
import type { RouteObject } from "react-router";

export const opsRoutes: RouteObject[] = [
  { path: "ops", lazy: () => import("./services.tsx") },
  { path: "ops/traces", lazy: () => import("./traces.tsx") },
  { path: "ops/traces/:traceId", lazy: () => import("./trace.tsx") },
  { path: "ops/routes", lazy: () => import("./route-figures.tsx") },
  { path: "ops/bus", lazy: () => import("./bus.tsx") },
  { path: "dead-letters", lazy: () => import("./dead-letters.tsx") },
];
