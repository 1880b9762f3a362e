// Checkout: the cart's selected lines quoted by the order service with an address and a coupon,
// then PlaceOrder (one Idempotency-Key per attempt, so a double click or a retry makes one order)
// and the payment on the provider's page.
import { useEffect, useRef, useState } from "react";
import { Link, useNavigate } from "react-router";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { OrderService } from "@shop/contracts/shop/order/v1/checkout_pb.ts";
import { rpc } from "../../api/client.ts";
import { rpcQuery } from "../../api/query.ts";
import { useT } from "../../i18n/i18n.tsx";
import { ErrorBox, Loading } from "../../ui/status.tsx";
import { AddressPicker } from "./address-picker.tsx";
import { CouponChoice, noCoupon } from "./coupon-choice.tsx";
import { payOrder } from "./pay.ts";
import { QuoteSummary } from "./quote-summary.tsx";
import { SignedIn } from "./signed-in.tsx";

export function Component() {
  return (
    <SignedIn>
      <Checkout />
    </SignedIn>
  );
}

function Checkout() {
  const t = useT();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [addressId, setAddressId] = useState("");
  // "" until the shopper picks: the quote proposes the best coupon.
  const [coupon, setCoupon] = useState("");
  const [note, setNote] = useState("");
  const quote = useQuery({
    ...rpcQuery(OrderService.method.quoteOrder, coupon === noCoupon ? { withoutCoupon: true } : coupon ? { userCouponId: coupon } : {}),
    placeholderData: keepPreviousData,
  });
  const applied = quote.data?.appliedUserCouponId ?? "";
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  // One key per attempt: the same while address, coupon and note stay, a new one when they change.
  const attempt = useRef({ sig: "", key: "" });
  const sig = `${addressId}|${applied}|${note}`;
  useEffect(() => {
    if (attempt.current.sig !== sig) attempt.current = { sig, key: crypto.randomUUID() };
  }, [sig]);

  const place = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    let orderId: string | undefined;
    try {
      const key = attempt.current.sig === sig ? attempt.current.key : crypto.randomUUID();
      const order = await rpc(OrderService.method.placeOrder, { addressId, note, userCouponId: applied }, { idempotencyKey: key });
      orderId = order.id;
      void client.invalidateQueries();
      await payOrder(order.id, `${key}:pay`);
    } catch (err) {
      setBusy(false);
      // The order exists but the payment could not start: its page offers to pay again.
      if (orderId) await navigate(`/account/orders/${orderId}`, { state: { payError: true } });
      else setError(err);
    }
  };

  return (
    <section className="checkout">
      <h1>{t("checkout.title")}</h1>
      <AddressPicker value={addressId} onChange={setAddressId} />
      {quote.isPending ? (
        <Loading />
      ) : quote.error || !quote.data ? (
        <>
          <ErrorBox error={quote.error} retry={() => void quote.refetch()} />
          <p>
            <Link to="/cart">{t("checkout.backToCart")}</Link>
          </p>
        </>
      ) : (
        <>
          <CouponChoice quote={quote.data} value={coupon || applied || noCoupon} onChange={setCoupon} />
          <QuoteSummary quote={quote.data} />
          <div className="field">
            <label htmlFor="order-note">{t("checkout.note")}</label>
            <textarea id="order-note" maxLength={500} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          {error !== undefined && <ErrorBox error={error} />}
          {!addressId && <p className="notice">{t("checkout.needAddress")}</p>}
          <button
            type="button"
            className="primary"
            disabled={busy || !addressId || quote.isFetching || quote.data.lines.length === 0}
            onClick={() => void place()}
          >
            {busy ? t("checkout.placing") : t("checkout.place")}
          </button>
        </>
      )}
    </section>
  );
}
