// Every page of the app: the storefront at /, the admin console at /admin. Pages are lazy chunks, so
// the first page loads only what it shows.
import { Navigate, type RouteObject } from "react-router";
import { AdminLayout } from "./admin/layout.tsx";
import { adminCatalogRoutes } from "./admin/catalog/routes.tsx";
import { opsRoutes } from "./admin/ops/routes.tsx";
import { adminSalesRoutes } from "./admin/sales/routes.tsx";
import { ShopLayout } from "./shop/layout.tsx";
import { accountRoutes } from "./shop/account/routes.tsx";
import { catalogRoutes } from "./shop/catalog/routes.tsx";
import { saleRoutes } from "./shop/sale/routes.tsx";
import { NotFound } from "./ui/not-found.tsx";

export const routes: RouteObject[] = [
  {
    path: "/",
    element: <ShopLayout />,
    children: [
      ...catalogRoutes,
      ...accountRoutes,
      ...saleRoutes,
      { path: "signin", lazy: () => import("./auth/signin.tsx") },
      { path: "signup", lazy: () => import("./auth/signup.tsx") },
      { path: "*", element: <NotFound /> },
    ],
  },
  {
    path: "/admin",
    element: <AdminLayout />,
    children: [
      { index: true, element: <Navigate to="ops" replace /> },
      ...adminCatalogRoutes,
      ...adminSalesRoutes,
      ...opsRoutes,
      { path: "*", element: <NotFound /> },
    ],
  },
];
