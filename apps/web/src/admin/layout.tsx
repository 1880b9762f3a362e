// The admin console's frame: for the admin role only (the gateway checks every call as well; this
// only keeps a shopper from a page of errors). Sections in a side menu that folds on a phone.
import { Link, Navigate, NavLink, Outlet, useLocation } from "react-router";
import { useSession } from "../auth/session.tsx";
import { useT } from "../i18n/i18n.tsx";
import { type TextKey } from "../i18n/texts.ts";
import { LangSwitch } from "../ui/lang-switch.tsx";
import { useMenu } from "../ui/use-menu.ts";
import { Loading } from "../ui/status.tsx";
import { useExpiredSessionRedirect } from "../shop/layout.tsx";

/** The console's sections: [path under /admin, text key]; each area's routes.tsx serves its paths. */
const adminMenu: [string, TextKey][] = [
  ["ops", "menu.ops"],
  ["products", "menu.products"],
  ["categories", "menu.categories"],
  ["stock", "menu.stock"],
  ["orders", "menu.orders"],
  ["coupons", "menu.coupons"],
  ["flash-sales", "menu.flashSales"],
  ["reviews", "menu.reviews"],
  ["gray", "menu.gray"],
  ["users", "menu.users"],
  ["dead-letters", "menu.deadLetters"],
];

export function AdminLayout() {
  const t = useT();
  const location = useLocation();
  const { signedIn, loading, isAdmin, user } = useSession();
  const menu = useMenu();
  useExpiredSessionRedirect();
  if (!signedIn) return <Navigate to={`/signin?needed=1&next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (loading) return <Loading />;
  if (!isAdmin) {
    return (
      <main id="main" className="narrow">
        <p className="error" role="alert">
          {t("auth.adminOnly")}
        </p>
        <Link to="/">{t("app.storefront")}</Link>
      </main>
    );
  }
  return (
    <div className="admin">
      <a className="skip" href="#main">
        {t("app.skip")}
      </a>
      <header className="topbar">
        <Link to="/admin" className="brand">
          {t("app.admin")}
        </Link>
        <button type="button" className="menu-toggle" aria-expanded={menu.open} aria-controls="admin-nav" onClick={menu.toggle}>
          {t("nav.menu")}
        </button>
        <span className="who">{user?.username}</span>
        <LangSwitch />
        <Link to="/">{t("app.storefront")}</Link>
      </header>
      <div className="admin-body">
        <nav id="admin-nav" className={menu.open ? "side open" : "side"} aria-label={t("app.admin")}>
          {adminMenu.map(([path, key]) => (
            <NavLink key={path} to={`/admin/${path}`}>
              {t(key)}
            </NavLink>
          ))}
        </nav>
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
