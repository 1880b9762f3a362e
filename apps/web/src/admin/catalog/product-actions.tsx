// Publish, unpublish and delete a product; publishing needs a SKU (the API says so when there is none).
import { useNavigate } from "react-router";
import { AdminCatalogService } from "@shop/contracts/shop/product/v1/admin_pb.ts";
import { ProductStatus, type Product } from "@shop/contracts/shop/product/v1/product_pb.ts";
import { useRpcMutation } from "../../api/query.ts";
import { useT } from "../../i18n/i18n.tsx";
import { ErrorBox } from "../../ui/status.tsx";
import { ConfirmButton } from "./confirm-button.tsx";
import { statusKeys } from "./status.ts";

export function ProductActions({ product }: { product: Product }) {
  const t = useT();
  const navigate = useNavigate();
  const publish = useRpcMutation(AdminCatalogService.method.publishProduct);
  const unpublish = useRpcMutation(AdminCatalogService.method.unpublishProduct);
  const remove = useRpcMutation(AdminCatalogService.method.deleteProduct, { onSuccess: () => navigate("/admin/products") });
  const onSale = product.status === ProductStatus.ON_SALE;
  const error = publish.error ?? unpublish.error ?? remove.error;
  return (
    <section className="card" aria-labelledby="status-title">
      <h2 id="status-title">
        {t("admin.products.status")}: <span className={`status-${product.status}`}>{t(statusKeys[product.status])}</span>
      </h2>
      <div className="row">
        {onSale ? (
          <ConfirmButton
            label={t("admin.product.unpublish")}
            question={t("admin.product.unpublishQuestion")}
            confirmLabel={t("admin.product.unpublishYes")}
            onConfirm={() => unpublish.mutate({ productId: product.id })}
          />
        ) : (
          <ConfirmButton
            label={t("admin.product.publish")}
            question={t("admin.product.publishQuestion")}
            confirmLabel={t("admin.product.publishYes")}
            onConfirm={() => publish.mutate({ productId: product.id })}
          />
        )}
        <ConfirmButton
          label={t("admin.product.delete")}
          question={t("admin.product.deleteQuestion", { title: product.title })}
          confirmLabel={t("admin.product.deleteYes")}
          onConfirm={() => remove.mutate({ productId: product.id })}
        />
      </div>
      {error && <ErrorBox error={error} />}
    </section>
  );
}
