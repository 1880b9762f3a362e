// The header's cart link with the number of lines in the guest's or the shopper's cart.
import { NavLink } from "react-router";
import { useT } from "../../i18n/i18n.tsx";
import { useCart } from "./cart-data.ts";

export function CartBadge() {
  const t = useT();
  const n = useCart().data?.lines.length ?? 0;
  return (
    <NavLink to="/cart" aria-label={n > 0 ? t("cart.badge", { n }) : undefined}>
      {t("nav.cart")}
      {n > 0 && (
        <span className="badge" aria-hidden="true">
          {n}
        </span>
      )}
    </NavLink>
  );
}
