// My wallet: the balance in each currency, a top-up through the provider's page, and the
// statement of movements, newest first, page by page.
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { MovementKind, WalletService } from "@shop/contracts/shop/payment/v1/wallet_pb.ts";
import { rpc } from "../../api/client.ts";
import { rpcQuery } from "../../api/query.ts";
import { useFormat, useT } from "../../i18n/i18n.tsx";
import type { TextKey } from "../../i18n/texts.ts";
import { DataTable } from "../../ui/data-table.tsx";
import { Field } from "../../ui/field.tsx";
import { Pager, usePageTokens } from "../../ui/pager.tsx";
import { Async, ErrorBox } from "../../ui/status.tsx";
import { SignedIn } from "./signed-in.tsx";

const kindKey: Record<MovementKind, TextKey> = {
  [MovementKind.UNSPECIFIED]: "order.status.unknown",
  [MovementKind.TOP_UP]: "wallet.kind.topUp",
  [MovementKind.PAYMENT]: "wallet.kind.payment",
  [MovementKind.REFUND]: "wallet.kind.refund",
};

/** The shop's currency when the wallet holds none yet. */
const defaultCurrency = "CNY";

export function Component() {
  return (
    <SignedIn>
      <Wallet />
    </SignedIn>
  );
}

function Wallet() {
  const t = useT();
  const f = useFormat();
  const wallet = useQuery(rpcQuery(WalletService.method.getWallet, {}));
  return (
    <section>
      <h1>{t("nav.wallet")}</h1>
      <Async query={wallet}>
        {(w) => (
          <>
            <dl className="amounts balances" aria-label={t("wallet.balance")}>
              {(w.balances.length ? w.balances : [{ currency: defaultCurrency, balanceMinor: 0n }]).map((b) => (
                <div key={b.currency} className="total">
                  <dt>{t("wallet.balance")}</dt>
                  <dd data-testid="balance">{f.money(b.balanceMinor, b.currency)}</dd>
                </div>
              ))}
            </dl>
            <TopUp currency={w.balances[0]?.currency ?? defaultCurrency} />
          </>
        )}
      </Async>
      <Statement />
    </section>
  );
}

function TopUp({ currency }: { currency: string }) {
  const t = useT();
  const [amount, setAmount] = useState("");
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      // Whole and fraction parts as integers: 12.5 → 1250 minor units, no float rounding.
      const [whole = "0", frac = ""] = amount.trim().split(".");
      const amountMinor = BigInt(whole || "0") * 100n + BigInt((frac + "00").slice(0, 2));
      const topUp = await rpc(WalletService.method.createTopUp, { amountMinor, currency }, { idempotencyKey: crypto.randomUUID() });
      window.location.assign(topUp.checkoutUrl);
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  };
  return (
    <form className="row top-up" onSubmit={(e) => void submit(e)}>
      <Field
        label={t("wallet.topUpAmount", { currency })}
        name="amount"
        inputMode="decimal"
        pattern="^[0-9]+(\.[0-9]{1,2})?$"
        required
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
      />
      <button type="submit" className="primary" disabled={busy}>
        {t("wallet.topUp")}
      </button>
      {error !== undefined && <ErrorBox error={error} />}
    </form>
  );
}

function Statement() {
  const t = useT();
  const f = useFormat();
  const pages = usePageTokens();
  const list = useQuery(rpcQuery(WalletService.method.listWalletStatement, { pageSize: 20, pageToken: pages.token }));
  return (
    <section aria-labelledby="statement-h">
      <h2 id="statement-h">{t("wallet.statement")}</h2>
      <Async query={list}>
        {(data) => (
          <DataTable
            rows={data.movements}
            rowKey={(m) => m.id}
            empty={t("wallet.noMovements")}
            scoped
            columns={[
              { header: t("wallet.when"), cell: (m) => f.dateTime(m.createdAt) },
              {
                header: t("wallet.what"),
                cell: (m) => (m.orderId ? <Link to={`/account/orders/${m.orderId}`}>{t(kindKey[m.kind])}</Link> : t(kindKey[m.kind])),
              },
              { header: t("wallet.amount"), cell: (m) => f.money(m.amountMinor, m.currency) },
              { header: t("wallet.after"), cell: (m) => f.money(m.balanceAfterMinor, m.currency) },
            ]}
          >
            <Pager pages={pages} nextToken={data.nextPageToken} />
          </DataTable>
        )}
      </Async>
    </section>
  );
}
