// A new shipping address: a labelled form whose fields follow the API's rules; the API's field
// errors are shown beside the fields and nothing typed is lost on an error.
import { useState, type FormEvent } from "react";
import { AddressService, type Address } from "@shop/contracts/shop/user/v1/address_pb.ts";
import { ApiError } from "../../api/error.ts";
import { useRpcMutation } from "../../api/query.ts";
import { useT } from "../../i18n/i18n.tsx";
import { Field } from "../../ui/field.tsx";
import { ErrorBox } from "../../ui/status.tsx";

const empty = { recipientName: "", phone: "", countryCode: "CN", region: "", city: "", district: "", line1: "", line2: "", postalCode: "" };
type Form = typeof empty;

export function AddressForm({ onCreated, onCancel }: { onCreated: (a: Address) => void; onCancel?: () => void }) {
  const t = useT();
  const [form, setForm] = useState<Form>(empty);
  const [isDefault, setIsDefault] = useState(false);
  const create = useRpcMutation(AddressService.method.createAddress, { idempotent: true, onSuccess: (a) => onCreated(a) });
  const set = (k: keyof Form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const err = create.error instanceof ApiError ? create.error : undefined;
  // The API names a field by its JSON name (recipientName) or, from older services, its proto name.
  const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const fieldError = (k: string) => err?.violations.find((v) => v.field === k || v.field === snake(k))?.message;
  const field = (k: keyof Form, label: string, props: Record<string, unknown> = {}) => (
    <Field label={label} name={k} value={form[k]} onChange={set(k)} error={fieldError(k)} {...props} />
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ ...form, countryCode: form.countryCode.toUpperCase(), isDefault });
  };
  return (
    <form className="address-form card" onSubmit={submit} aria-label={t("address.new")}>
      {field("recipientName", t("address.recipient"), { required: true, autoComplete: "name", maxLength: 64 })}
      {field("phone", t("address.phone"), { required: true, type: "tel", autoComplete: "tel" })}
      {field("countryCode", t("address.country"), { required: true, maxLength: 2, autoComplete: "country" })}
      {field("region", t("address.region"), { autoComplete: "address-level1" })}
      {field("city", t("address.city"), { required: true, autoComplete: "address-level2" })}
      {field("district", t("address.district"), { autoComplete: "address-level3" })}
      {field("line1", t("address.line1"), { required: true, autoComplete: "address-line1" })}
      {field("line2", t("address.line2"), { autoComplete: "address-line2" })}
      {field("postalCode", t("address.postalCode"), { autoComplete: "postal-code" })}
      <label className="check">
        <input type="checkbox" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} /> {t("address.makeDefault")}
      </label>
      {create.error && <ErrorBox error={create.error} />}
      <div className="row">
        <button type="submit" className="primary" disabled={create.isPending}>
          {t("address.save")}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t("app.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}

/** One line of an address, as a label shows it. */
export const addressLine = (a: Pick<Address, "recipientName" | "phone" | "line1" | "line2" | "district" | "city" | "region" | "postalCode" | "countryCode">) =>
  [a.recipientName, a.phone, [a.line1, a.line2].filter(Boolean).join(" "), a.district, a.city, a.region, a.postalCode, a.countryCode]
    .filter(Boolean)
    .join(", ");
