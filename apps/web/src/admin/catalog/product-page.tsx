// /admin/products/new and /admin/products/:productId: the product's fields, then (once it exists)
// its SKUs, images and status.
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { AdminCatalogService } from "@shop/contracts/shop/product/v1/admin_pb.ts";
import { rpcQuery } from "../../api/query.ts";
import { useT } from "../../i18n/i18n.tsx";
import { Async } from "../../ui/status.tsx";
import { Images } from "./images.tsx";
import { ProductActions } from "./product-actions.tsx";
import { ProductForm } from "./product-form.tsx";
import { Skus } from "./skus.tsx";

function Existing({ productId }: { productId: string }) {
  const t = useT();
  const product = useQuery(rpcQuery(AdminCatalogService.method.adminGetProduct, { productId }));
  return (
    <Async query={product}>
      {(p) => (
        <>
          <h1>{p.title}</h1>
          <p>
            <Link to={`/p/${p.id}`}>{t("admin.product.viewInStore")}</Link>
          </p>
          <div className="admin-product">
            <ProductForm key={p.id} product={p} />
            <div className="admin-stack">
              <ProductActions product={p} />
              <Skus product={p} />
              <Images product={p} />
              <Link to={`/admin/stock?product=${p.id}`}>{t("admin.product.stockLink")}</Link>
            </div>
          </div>
        </>
      )}
    </Async>
  );
}

export function Component() {
  const t = useT();
  const { productId = "new" } = useParams();
  return (
    <section>
      <p>
        <Link to="/admin/products">← {t("admin.products.title")}</Link>
      </p>
      {productId === "new" ? (
        <>
          <h1>{t("admin.products.new")}</h1>
          <ProductForm />
        </>
      ) : (
        <Existing productId={productId} />
      )}
    </section>
  );
}
