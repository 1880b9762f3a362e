// The header's cart link. (Catalog area: the line count from the guest's or the shopper's cart.)
import { NavLink } from "react-router";
import { useT } from "../../i18n/i18n.tsx";

export function CartBadge() {
  const t = useT();
  return <NavLink to="/cart">{t("nav.cart")}</NavLink>;
}
