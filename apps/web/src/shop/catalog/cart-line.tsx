// One cart line: what it is, its price (flagged when it changed since it was added), why it cannot
// be checked out if it cannot, its quantity, selection and removal.
import { LineProblem, type CartLine } from "@shop/contracts/shop/cart/v1/cart_pb.ts";
import { useState } from "react";
import { Link } from "react-router";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import { ProductImage } from "./product-card.tsx";
import type { useCartWrite } from "./cart-data.ts";

function Problem({ line }: { line: CartLine }) {
  const t = useT();
  switch (line.problem) {
    case LineProblem.UNSPECIFIED:
      return null;
    case LineProblem.INSUFFICIENT_STOCK:
      return <p className="flag">{t("cart.insufficient", { n: line.available ?? 0 })}</p>;
    case LineProblem.OUT_OF_STOCK:
      return <p className="flag">{t("cart.outOfStock")}</p>;
    case LineProblem.UNAVAILABLE:
      return <p className="flag">{t("cart.unavailable")}</p>;
  }
}

export function CartLineView({ line, write }: { line: CartLine; write: ReturnType<typeof useCartWrite> }) {
  const t = useT();
  const f = useFormat();
  const [qty, setQty] = useState(String(line.quantity));
  const busy = write.isPending;
  const specs = line.specs.map((s) => `${s.key}: ${s.value}`).join(" · ");
  const setQuantity = (n: number) => {
    const quantity = Math.min(99, Math.max(1, Math.round(n)));
    setQty(String(quantity));
    if (quantity !== line.quantity) write.mutate({ op: "update", skuId: line.skuId, quantity });
  };
  const usable = line.problem === LineProblem.UNSPECIFIED;
  return (
    <li className={usable ? "card cart-line" : "card cart-line problem"}>
      <input
        type="checkbox"
        className="pick"
        aria-label={t("cart.selectLine", { title: line.title })}
        checked={line.selected}
        disabled={busy}
        onChange={(e) => write.mutate({ op: "update", skuId: line.skuId, selected: e.target.checked })}
      />
      <Link to={`/p/${line.productId}`} className="cart-img">
        <ProductImage src={line.image} alt="" />
      </Link>
      <div className="cart-info">
        <Link to={`/p/${line.productId}`}>
          <strong>{line.title}</strong>
        </Link>
        {specs && <p className="muted">{specs}</p>}
        <p>
          <span className="price">{f.money(line.unitPriceMinor, line.currency)}</span>
          {line.priceChanged && (
            <span className="flag" role="note">
              {" "}
              {t(line.unitPriceMinor > line.addedPriceMinor ? "cart.priceUp" : "cart.priceDown", { was: f.money(line.addedPriceMinor, line.currency) })}
            </span>
          )}
        </p>
        <Problem line={line} />
      </div>
      <div className="cart-qty">
        <button
          type="button"
          aria-label={t("cart.less", { title: line.title })}
          disabled={busy || line.quantity <= 1}
          onClick={() => setQuantity(line.quantity - 1)}
        >
          −
        </button>
        <label className="visually-hidden" htmlFor={`qty-${line.skuId}`}>
          {t("cart.quantityOf", { title: line.title })}
        </label>
        <input
          id={`qty-${line.skuId}`}
          type="number"
          min={1}
          max={99}
          value={qty}
          onChange={(e) => setQty(e.target.value)}
          onBlur={() => setQuantity(Number(qty) || line.quantity)}
          onKeyDown={(e) => {
            if (e.key === "Enter") setQuantity(Number(qty) || line.quantity);
          }}
        />
        <button
          type="button"
          aria-label={t("cart.more", { title: line.title })}
          disabled={busy || line.quantity >= 99}
          onClick={() => setQuantity(line.quantity + 1)}
        >
          +
        </button>
        <button type="button" className="link" disabled={busy} onClick={() => write.mutate({ op: "remove", skuId: line.skuId })}>
          {t("cart.remove")}
          <span className="visually-hidden"> {line.title}</span>
        </button>
      </div>
    </li>
  );
}
