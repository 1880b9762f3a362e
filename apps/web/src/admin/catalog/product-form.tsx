// A product's own fields (title, subtitle, brand, category, description, attributes): creates a draft
// product, or saves the changes of an existing one. Nothing typed is lost on a refusal: the form
// keeps its values and shows the API's message and field violations.
import { useId, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { AdminCatalogService } from "@shop/contracts/shop/product/v1/admin_pb.ts";
import type { Product } from "@shop/contracts/shop/product/v1/product_pb.ts";
import { useRpcMutation } from "../../api/query.ts";
import { useT } from "../../i18n/i18n.tsx";
import { Field } from "../../ui/field.tsx";
import { ErrorBox } from "../../ui/status.tsx";
import { AttributesEditor, filled, type Pair } from "./attributes-editor.tsx";
import { CategorySelect } from "./category-select.tsx";

interface Draft {
  title: string;
  subtitle: string;
  brand: string;
  categoryId: string;
  description: string;
  attributes: Pair[];
}

const draftOf = (p: Product | undefined): Draft => ({
  title: p?.title ?? "",
  subtitle: p?.subtitle ?? "",
  brand: p?.brand ?? "",
  categoryId: p?.categoryId ?? "",
  description: p?.description ?? "",
  attributes: p?.attributes.map((a) => ({ key: a.key, value: a.value })) ?? [],
});

export function ProductForm({ product }: { product?: Product }) {
  const t = useT();
  const navigate = useNavigate();
  const descId = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(product));
  const [saved, setSaved] = useState(false);
  const create = useRpcMutation(AdminCatalogService.method.createProduct, {
    idempotent: true,
    onSuccess: (p) => navigate(`/admin/products/${p.id}`, { replace: true }),
  });
  const update = useRpcMutation(AdminCatalogService.method.updateProduct, { onSuccess: () => setSaved(true) });
  const pending = create.isPending || update.isPending;
  const error = create.error ?? update.error;
  const set = (part: Partial<Draft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...part }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const fields = { ...draft, attributes: filled(draft.attributes) };
    if (product) update.mutate({ productId: product.id, ...fields, attributes: { items: fields.attributes } });
    else create.mutate(fields);
  };

  return (
    <form onSubmit={submit} aria-label={t("admin.product.details")} className="card">
      <h2>{t("admin.product.details")}</h2>
      <Field label={t("admin.product.titleField")} value={draft.title} onChange={(e) => set({ title: e.target.value })} required maxLength={200} />
      <Field label={t("admin.product.subtitle")} value={draft.subtitle} onChange={(e) => set({ subtitle: e.target.value })} maxLength={300} />
      <Field label={t("admin.product.brand")} value={draft.brand} onChange={(e) => set({ brand: e.target.value })} maxLength={100} />
      <CategorySelect
        label={t("admin.product.category")}
        emptyLabel={t("admin.product.chooseCategory")}
        value={draft.categoryId}
        onChange={(categoryId) => set({ categoryId })}
        required
      />
      <div className="field">
        <label htmlFor={descId}>{t("admin.product.description")}</label>
        <textarea id={descId} rows={5} value={draft.description} onChange={(e) => set({ description: e.target.value })} maxLength={20000} />
      </div>
      <AttributesEditor
        legend={t("admin.product.attributes")}
        rowLabel={t("admin.product.attribute")}
        items={draft.attributes}
        onChange={(attributes) => set({ attributes })}
      />
      {error && <ErrorBox error={error} />}
      {saved && (
        <p className="notice" role="status">
          {t("admin.saved")}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={pending}>
          {product ? t("app.save") : t("admin.product.create")}
        </button>
      </div>
    </form>
  );
}
