// /admin/categories: the category tree; add a top-level or sub-category, rename, delete (the API
// refuses a category that still has sub-categories or products, and its message is shown).
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { AdminCatalogService } from "@shop/contracts/shop/product/v1/admin_pb.ts";
import { CatalogService } from "@shop/contracts/shop/product/v1/catalog_pb.ts";
import type { Category } from "@shop/contracts/shop/product/v1/product_pb.ts";
import { rpcQuery, useRpcMutation } from "../../api/query.ts";
import { useT } from "../../i18n/i18n.tsx";
import { Field } from "../../ui/field.tsx";
import { Async, ErrorBox } from "../../ui/status.tsx";
import { ConfirmButton } from "./confirm-button.tsx";

const tree = CatalogService.method.getCategoryTree;

/** One name field and a submit button: a new category's name or a new name. */
function NameForm({
  label,
  submitLabel,
  initial,
  pending,
  onSubmit,
  onCancel,
}: {
  label: string;
  submitLabel: string;
  initial: string;
  pending: boolean;
  onSubmit: (name: string) => void;
  onCancel?: () => void;
}) {
  const t = useT();
  const [name, setName] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) onSubmit(name.trim());
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <Field label={label} value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} autoFocus={!!onCancel} />
      <button type="submit" className="primary" disabled={pending}>
        {submitLabel}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          {t("app.cancel")}
        </button>
      )}
    </form>
  );
}

function Node({ category }: { category: Category }) {
  const t = useT();
  const [open, setOpen] = useState<"add" | "rename" | undefined>();
  const close = () => setOpen(undefined);
  const opts = { invalidates: [tree], onSuccess: close };
  const create = useRpcMutation(AdminCatalogService.method.createCategory, { ...opts, idempotent: true });
  const rename = useRpcMutation(AdminCatalogService.method.updateCategory, opts);
  const remove = useRpcMutation(AdminCatalogService.method.deleteCategory, { invalidates: [tree] });
  const error = create.error ?? rename.error ?? remove.error;
  return (
    <li>
      <div className="cat-row">
        <strong>{category.name}</strong>
        <button type="button" aria-label={t("admin.categories.addChildOf", { name: category.name })} onClick={() => setOpen("add")}>
          {t("admin.categories.addChild")}
        </button>
        <button type="button" aria-label={t("admin.categories.renameOne", { name: category.name })} onClick={() => setOpen("rename")}>
          {t("admin.categories.rename")}
        </button>
        <ConfirmButton
          label={t("admin.delete")}
          question={t("admin.categories.deleteQuestion", { name: category.name })}
          confirmLabel={t("admin.categories.deleteYes")}
          onConfirm={() => remove.mutate({ categoryId: category.id })}
        />
      </div>
      {open === "add" && (
        <NameForm
          label={t("admin.categories.childName", { name: category.name })}
          submitLabel={t("admin.categories.create")}
          initial=""
          pending={create.isPending}
          onSubmit={(name) => create.mutate({ name, parentId: category.id })}
          onCancel={close}
        />
      )}
      {open === "rename" && (
        <NameForm
          label={t("admin.categories.newName")}
          submitLabel={t("app.save")}
          initial={category.name}
          pending={rename.isPending}
          onSubmit={(name) => rename.mutate({ categoryId: category.id, name })}
          onCancel={close}
        />
      )}
      {error && <ErrorBox error={error} />}
      {category.children.length > 0 && (
        <ul>
          {category.children.map((c) => (
            <Node key={c.id} category={c} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function Component() {
  const t = useT();
  const categories = useQuery(rpcQuery(tree, {}, { fresh: true }));
  const [formKey, setFormKey] = useState(0);
  const create = useRpcMutation(AdminCatalogService.method.createCategory, {
    idempotent: true,
    invalidates: [tree],
    onSuccess: () => setFormKey((k) => k + 1),
  });
  return (
    <section>
      <h1>{t("admin.categories.title")}</h1>
      <div className="card">
        <NameForm
          key={formKey}
          label={t("admin.categories.topName")}
          submitLabel={t("admin.categories.create")}
          initial=""
          pending={create.isPending}
          onSubmit={(name) => create.mutate({ name })}
        />
        {create.error && <ErrorBox error={create.error} />}
      </div>
      <Async query={categories}>
        {(data) =>
          data.categories.length === 0 ? (
            <p className="muted">{t("app.empty")}</p>
          ) : (
            <ul className="cat-tree">
              {data.categories.map((c) => (
                <Node key={c.id} category={c} />
              ))}
            </ul>
          )
        }
      </Async>
    </section>
  );
}
