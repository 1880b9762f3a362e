// My address book: every address, the default marked; add, make default, delete.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { AddressService } from "@shop/contracts/shop/user/v1/address_pb.ts";
import { rpcQuery, useRpcMutation } from "../../api/query.ts";
import { useT } from "../../i18n/i18n.tsx";
import { Async, ErrorBox } from "../../ui/status.tsx";
import { AddressForm, addressLine } from "./address-form.tsx";
import { SignedIn } from "./signed-in.tsx";

export function Component() {
  return (
    <SignedIn>
      <Addresses />
    </SignedIn>
  );
}

function Addresses() {
  const t = useT();
  const list = useQuery(rpcQuery(AddressService.method.listAddresses, {}));
  const makeDefault = useRpcMutation(AddressService.method.setDefaultAddress);
  const remove = useRpcMutation(AddressService.method.deleteAddress);
  const [adding, setAdding] = useState(false);
  return (
    <section>
      <h1>{t("address.book")}</h1>
      {(makeDefault.error ?? remove.error) && <ErrorBox error={makeDefault.error ?? remove.error} />}
      <Async query={list}>
        {(data) =>
          data.addresses.length === 0 ? (
            <p className="muted">{t("address.none")}</p>
          ) : (
            <ul className="lines">
              {data.addresses.map((a) => (
                <li key={a.id} className="card">
                  <p>
                    {addressLine(a)} {a.isDefault && <span className="badge">{t("address.default")}</span>}
                  </p>
                  <div className="row">
                    {!a.isDefault && (
                      <button type="button" onClick={() => makeDefault.mutate({ addressId: a.id })}>
                        {t("address.setDefault")}
                      </button>
                    )}
                    <button
                      type="button"
                      aria-label={t("address.deleteNamed", { name: a.recipientName })}
                      onClick={() => window.confirm(t("address.deleteConfirm")) && remove.mutate({ addressId: a.id })}
                    >
                      {t("address.delete")}
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
      {adding ? (
        <AddressForm onCreated={() => setAdding(false)} onCancel={() => setAdding(false)} />
      ) : (
        <button type="button" onClick={() => setAdding(true)}>
          {t("address.add")}
        </button>
      )}
    </section>
  );
}
