// The storefront's frame: header (search, flash sales, cart, messages, account, language) and the page.
import { useEffect } from "react";
import { Link, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { session } from "../auth/tokens.ts";
import { useSession } from "../auth/session.tsx";
import { useT } from "../i18n/i18n.tsx";
import { LangSwitch } from "../ui/lang-switch.tsx";
import { useMenu } from "../ui/use-menu.ts";
import { CartBadge } from "./catalog/cart-badge.tsx";
import { SearchBox } from "./catalog/search-box.tsx";
import { InboxBadge } from "./account/inbox-badge.tsx";

/** An expired session sends the shopper to sign in, and back here afterwards. */
export function useExpiredSessionRedirect() {
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(
    () =>
      session.onExpired(() => {
        const next = `${location.pathname}${location.search}`;
        void navigate(`/signin?expired=1&next=${encodeURIComponent(next)}`);
      }),
    [navigate, location],
  );
}

function AccountMenu() {
  const t = useT();
  const { signedIn, user, isAdmin, signOut } = useSession();
  const navigate = useNavigate();
  if (!signedIn) {
    return (
      <>
        <NavLink to="/signin">{t("auth.signIn")}</NavLink>
        <NavLink to="/signup">{t("auth.signUp")}</NavLink>
      </>
    );
  }
  return (
    <>
      <NavLink to="/account/orders">{t("nav.orders")}</NavLink>
      <NavLink to="/account" end aria-label={t("nav.account")}>
        {user?.displayName || user?.username || t("nav.account")}
      </NavLink>
      {isAdmin && <Link to="/admin">{t("app.admin")}</Link>}
      <button
        type="button"
        className="link"
        onClick={() => {
          void signOut().then(() => navigate("/"));
        }}
      >
        {t("auth.signOut")}
      </button>
    </>
  );
}

export function ShopLayout() {
  const t = useT();
  const menu = useMenu();
  useExpiredSessionRedirect();
  return (
    <>
      <a className="skip" href="#main">
        {t("app.skip")}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          {t("app.name")}
        </Link>
        <SearchBox />
        <button type="button" className="menu-toggle" aria-expanded={menu.open} aria-controls="shop-nav" onClick={menu.toggle}>
          {t("nav.menu")}
        </button>
        <nav id="shop-nav" className={menu.open ? "nav open" : "nav"} aria-label={t("nav.menu")}>
          <NavLink to="/flash-sales">{t("nav.flashSales")}</NavLink>
          <CartBadge />
          <InboxBadge />
          <AccountMenu />
          <LangSwitch />
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
