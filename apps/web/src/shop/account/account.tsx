// My account: the profile (the name shown can be changed) and the ways into the account's pages.
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { AccountService } from "@shop/contracts/shop/user/v1/account_pb.ts";
import { rpcQuery, useRpcMutation } from "../../api/query.ts";
import { useT } from "../../i18n/i18n.tsx";
import { Field } from "../../ui/field.tsx";
import { Async, ErrorBox } from "../../ui/status.tsx";
import { SignedIn } from "./signed-in.tsx";

export function Component() {
  return (
    <SignedIn>
      <Account />
    </SignedIn>
  );
}

function Account() {
  const t = useT();
  const me = useQuery(rpcQuery(AccountService.method.getMe, {}));
  const links: [string, string][] = [
    ["/account/orders", t("nav.orders")],
    ["/account/addresses", t("address.book")],
    ["/account/coupons", t("nav.coupons")],
    ["/account/wallet", t("nav.wallet")],
    ["/account/inbox", t("nav.inbox")],
  ];
  return (
    <section>
      <h1>{t("nav.account")}</h1>
      <Async query={me}>{(user) => <Profile key={user.id} name={user.displayName} username={user.username} email={user.email} />}</Async>
      <nav aria-label={t("nav.account")}>
        <ul className="account-links">
          {links.map(([to, label]) => (
            <li key={to}>
              <Link to={to}>{label}</Link>
            </li>
          ))}
        </ul>
      </nav>
    </section>
  );
}

function Profile({ name, username, email }: { name: string; username: string; email: string }) {
  const t = useT();
  const [displayName, setDisplayName] = useState(name);
  const update = useRpcMutation(AccountService.method.updateMe);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ displayName });
  };
  return (
    <form className="card narrow" onSubmit={submit}>
      <p>
        {username} · {email}
      </p>
      <Field label={t("account.displayName")} name="displayName" maxLength={64} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      {update.error && <ErrorBox error={update.error} />}
      {update.isSuccess && <p role="status">{t("account.saved")}</p>}
      <button type="submit" className="primary" disabled={update.isPending}>
        {t("app.save")}
      </button>
    </form>
  );
}
