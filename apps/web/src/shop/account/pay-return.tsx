// Back from the provider's hosted page (/pay/return/<paymentId>): an order's payment goes to the
// order's page (which waits for PAID), a wallet top-up to the wallet.
import { useEffect, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { PaymentService } from "@shop/contracts/shop/payment/v1/payment_pb.ts";
import { WalletService } from "@shop/contracts/shop/payment/v1/wallet_pb.ts";
import { rpc } from "../../api/client.ts";
import { ApiError } from "../../api/error.ts";
import { useT } from "../../i18n/i18n.tsx";
import { ErrorBox, Loading } from "../../ui/status.tsx";
import { SignedIn } from "./signed-in.tsx";

export function Component() {
  return (
    <SignedIn>
      <PayReturn />
    </SignedIn>
  );
}

async function whereTo(id: string): Promise<string> {
  try {
    const payment = await rpc(PaymentService.method.getPayment, { paymentId: id });
    return `/account/orders/${encodeURIComponent(payment.orderId)}`;
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 404) throw err;
    await rpc(WalletService.method.getTopUp, { topUpId: id });
    return "/account/wallet";
  }
}

function PayReturn() {
  const t = useT();
  const { paymentId = "" } = useParams();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let live = true;
    whereTo(paymentId).then(
      (to) => live && void navigate(to, { replace: true }),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [paymentId, navigate]);
  return <section className="narrow">{error === undefined ? <Loading label={t("pay.returning")} /> : <ErrorBox error={error} />}</section>;
}
