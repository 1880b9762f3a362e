// The checkout's address book: pick one (the default first), add a new one inline, make one the default.
import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { AddressService } from "@shop/contracts/shop/user/v1/address_pb.ts";
import { rpcQuery, useRpcMutation } from "../../api/query.ts";
import { useT } from "../../i18n/i18n.tsx";
import { Async, ErrorBox } from "../../ui/status.tsx";
import { AddressForm, addressLine } from "./address-form.tsx";

export function AddressPicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const t = useT();
  const list = useQuery(rpcQuery(AddressService.method.listAddresses, {}));
  const [adding, setAdding] = useState(false);
  const makeDefault = useRpcMutation(AddressService.method.setDefaultAddress);
  const addresses = list.data?.addresses ?? [];
  // Nothing picked yet: the default (or the first) address.
  const chosen = value || addresses.find((a) => a.isDefault)?.id || addresses[0]?.id || "";
  useEffect(() => {
    if (chosen && chosen !== value) onChange(chosen);
  }, [chosen, value, onChange]);
  return (
    <section aria-labelledby="ship-to">
      <h2 id="ship-to">{t("checkout.address")}</h2>
      <Async query={list}>
        {(data) => (
          <fieldset className="choices">
            <legend className="visually-hidden">{t("checkout.address")}</legend>
            {data.addresses.length === 0 && !adding && <p className="muted">{t("address.none")}</p>}
            {data.addresses.map((a) => (
              <div key={a.id} className="choice">
                <label>
                  <input type="radio" name="address" value={a.id} checked={chosen === a.id} onChange={() => onChange(a.id)} /> {addressLine(a)}
                  {a.isDefault && <span className="badge">{t("address.default")}</span>}
                </label>
                {!a.isDefault && (
                  <button type="button" className="link" disabled={makeDefault.isPending} onClick={() => makeDefault.mutate({ addressId: a.id })}>
                    {t("address.setDefault")}
                  </button>
                )}
              </div>
            ))}
          </fieldset>
        )}
      </Async>
      {makeDefault.error && <ErrorBox error={makeDefault.error} />}
      {adding ? (
        <AddressForm
          onCancel={() => setAdding(false)}
          onCreated={(a) => {
            setAdding(false);
            onChange(a.id);
          }}
        />
      ) : (
        <button type="button" onClick={() => setAdding(true)}>
          {t("address.add")}
        </button>
      )}
    </section>
  );
}
