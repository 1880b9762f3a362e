// Buying in a live sale, the way the API requires: an attempt token (issued only once the sale has
// started), then the attempt with it and a delivery address, decided at once; then the attempt is
// followed until the order is made. A guest is sent to sign in and brought back.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router";
import { FlashSaleService } from "@shop/contracts/shop/seckill/v1/service_pb.ts";
import { AttemptStatus, type AttemptResult } from "@shop/contracts/shop/seckill/v1/sale_pb.ts";
import { AddressService } from "@shop/contracts/shop/user/v1/address_pb.ts";
import { rpc } from "../../api/client.ts";
import { ApiError } from "../../api/error.ts";
import { rpcQuery } from "../../api/query.ts";
import { useSession } from "../../auth/session.tsx";
import { useT } from "../../i18n/i18n.tsx";
import { Async, ErrorBox } from "../../ui/status.tsx";
import { AttemptStatusView } from "./attempt-result.tsx";
import { remembered } from "./remember.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const reasonOf = (err: unknown) => (err instanceof ApiError ? err.reason : "");

/** Token then attempt. The shopper's clock may run a moment ahead of the server's: not started yet is asked again shortly. */
async function attempt(saleId: string, addressId: string): Promise<AttemptResult> {
  for (let tries = 1; ; tries++) {
    try {
      const { token } = await rpc(FlashSaleService.method.issueAttemptToken, { saleId });
      return await rpc(FlashSaleService.method.attemptPurchase, { saleId, token, addressId }, { idempotencyKey: crypto.randomUUID() });
    } catch (err) {
      if (reasonOf(err) === "SOLD_OUT")
        return { $typeName: "shop.seckill.v1.AttemptResult", saleId, status: AttemptStatus.SOLD_OUT, ticketId: "", orderId: "", reason: "" };
      if (reasonOf(err) !== "SALE_NOT_STARTED" || tries >= 5) throw err;
      await sleep(700);
    }
  }
}

function BuyForm({ saleId, userId }: { saleId: string; userId: string }) {
  const t = useT();
  const addresses = useQuery(rpcQuery(AddressService.method.listAddresses, {}));
  const [chosen, setChosen] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [result, setResult] = useState<AttemptResult | undefined>();
  const [known] = useState(() => remembered.attempted(userId, saleId));
  if (result || known) return <AttemptStatusView saleId={saleId} first={result} />;
  return (
    <Async query={addresses}>
      {({ addresses: list }) => {
        if (list.length === 0) {
          return (
            <p className="notice">
              {t("sale.noAddress")} <Link to="/account/addresses">{t("sale.addAddress")}</Link>
            </p>
          );
        }
        const addressId = chosen || (list.find((a) => a.isDefault) ?? list[0]!).id;
        const buy = async () => {
          setBusy(true);
          setError(undefined);
          try {
            const r = await attempt(saleId, addressId);
            remembered.setAttempted(userId, saleId);
            setResult(r);
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        };
        return (
          <div className="sale-buy">
            <div className="field">
              <label htmlFor="sale-address">{t("sale.address")}</label>
              <select id="sale-address" value={addressId} onChange={(e) => setChosen(e.target.value)}>
                {list.map((a) => (
                  <option key={a.id} value={a.id}>
                    {[a.recipientName, a.line1, a.city].filter(Boolean).join(", ")}
                  </option>
                ))}
              </select>
            </div>
            <button type="button" className="primary sale-buy-now" disabled={busy} onClick={() => void buy()}>
              {busy ? t("sale.trying") : t("sale.buyNow")}
            </button>
            {error !== undefined && <ErrorBox error={error} />}
          </div>
        );
      }}
    </Async>
  );
}

export function Buy({ saleId }: { saleId: string }) {
  const t = useT();
  const navigate = useNavigate();
  const { signedIn, user } = useSession();
  if (!signedIn) {
    return (
      <button
        type="button"
        className="primary sale-buy-now"
        onClick={() => void navigate(`/signin?needed=1&next=${encodeURIComponent(`/flash-sales/${saleId}`)}`)}
      >
        {t("sale.buyNow")}
      </button>
    );
  }
  if (!user) return null;
  return <BuyForm saleId={saleId} userId={user.id} />;
}
