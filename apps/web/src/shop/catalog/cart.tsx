// The cart (/cart), a guest's or the shopper's: lines with their flags, quantities, selection for
// checkout, totals per currency, and "Check out" (a guest signs in first; the cart is merged then).
import { LineProblem } from "@shop/contracts/shop/cart/v1/cart_pb.ts";
import { Link, useNavigate } from "react-router";
import { useSignedIn } from "../../auth/session.tsx";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { Async, ErrorBox } from "../../ui/status.tsx";
import { useCart, useCartWrite } from "./cart-data.ts";
import { CartLineView } from "./cart-line.tsx";

export function Component() {
  const t = useT();
  const f = useFormat();
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const cart = useCart();
  const write = useCartWrite();
  return (
    <section className="cart">
      <h1>{t("cart.title")}</h1>
      {write.error && <ErrorBox error={write.error} />}
      <Async query={cart}>
        {(c) => {
          if (c.lines.length === 0) {
            return (
              <p>
                {t("cart.empty")} <Link to="/products">{t("cart.browse")}</Link>
              </p>
            );
          }
          const allSelected = c.lines.every((l) => l.selected);
          const flagged = c.lines.some((l) => l.priceChanged || l.problem !== LineProblem.UNSPECIFIED);
          const ready = c.totals.some((tot) => tot.quantity > 0);
          return (
            <>
              {flagged && (
                <p className="notice" role="status">
                  {t("cart.flagged")}
                </p>
              )}
              <label className="row select-all">
                <input
                  type="checkbox"
                  checked={allSelected}
                  disabled={write.isPending}
                  onChange={(e) => write.mutate({ op: "select", skuIds: signedIn ? [] : c.lines.map((l) => l.skuId), selected: e.target.checked })}
                />
                {t("cart.selectAll")}
              </label>
              <ul className="cart-lines">
                {c.lines.map((line) => (
                  // Keyed by quantity too: an answer from the server resets the typed quantity.
                  <CartLineView key={`${line.skuId}:${line.quantity}`} line={line} write={write} />
                ))}
              </ul>
              <div className="cart-summary card">
                {c.totals.length === 0 ? (
                  <p className="muted">{t("cart.nothingSelected")}</p>
                ) : (
                  c.totals.map((tot) => (
                    <p key={tot.currency}>
                      {t("cart.total", { n: tot.quantity })} <strong className="price">{f.money(tot.subtotalMinor, tot.currency)}</strong>
                    </p>
                  ))
                )}
                <button
                  type="button"
                  className="primary"
                  disabled={!ready}
                  onClick={() => void navigate(signedIn ? "/checkout" : `/signin?needed=1&next=${encodeURIComponent("/checkout")}`)}
                >
                  {t("cart.checkout")}
                </button>
              </div>
            </>
          );
        }}
      </Async>
    </section>
  );
}
