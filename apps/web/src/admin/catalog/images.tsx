// A product's images: upload one (the file service re-encodes it and answers its URL), then the list
// is saved on the product; remove one, or make one the main image (the first).
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { AdminCatalogService } from "@shop/contracts/shop/product/v1/admin_pb.ts";
import type { Product } from "@shop/contracts/shop/product/v1/product_pb.ts";
import { gatewayJson } from "../../api/client.ts";
import { useRpcMutation } from "../../api/query.ts";
import { useT } from "../../i18n/i18n.tsx";
import { ErrorBox, Loading } from "../../ui/status.tsx";

/** Uploads one product image (raw bytes; the file service reads the type) and answers its URL. */
async function uploadProductImage(file: Blob): Promise<string> {
  return (await gatewayJson<{ file: { url: string } }>("POST", "/api/v1/files?purpose=product", file)).file.url;
}

export function Images({ product }: { product: Product }) {
  const t = useT();
  const inputId = useId();
  const [inputKey, setInputKey] = useState(0);
  const save = useRpcMutation(AdminCatalogService.method.updateProduct);
  const setImages = (urls: string[]) => save.mutateAsync({ productId: product.id, images: { urls } });
  const upload = useMutation({
    mutationFn: async (file: File) => {
      const url = await uploadProductImage(file);
      if (!product.images.includes(url)) await setImages([...product.images, url]);
    },
    onSettled: () => setInputKey((k) => k + 1),
  });
  const busy = upload.isPending || save.isPending;
  return (
    <section className="card" aria-labelledby="images-title">
      <h2 id="images-title">{t("admin.images.title")}</h2>
      {product.images.length === 0 && <p className="muted">{t("admin.images.none")}</p>}
      <ul className="admin-images">
        {product.images.map((url, i) => (
          <li key={url}>
            <img src={url} alt={t("admin.images.alt", { n: i + 1, title: product.title })} width={120} height={120} loading="lazy" />
            {i === 0 ? (
              <span className="badge">{t("admin.images.main")}</span>
            ) : (
              <button type="button" disabled={busy} onClick={() => void setImages([url, ...product.images.filter((u) => u !== url)]).catch(() => undefined)}>
                {t("admin.images.makeMain")}
              </button>
            )}
            <button
              type="button"
              disabled={busy}
              aria-label={t("admin.images.removeOne", { n: i + 1 })}
              onClick={() => void setImages(product.images.filter((u) => u !== url)).catch(() => undefined)}
            >
              {t("admin.images.remove")}
            </button>
          </li>
        ))}
      </ul>
      <div className="field">
        <label htmlFor={inputId}>{t("admin.images.upload")}</label>
        <input
          key={inputKey}
          id={inputId}
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif,image/avif"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) upload.mutate(file);
          }}
        />
      </div>
      {busy && <Loading label={t("admin.images.uploading")} />}
      {(upload.error ?? save.error) && <ErrorBox error={upload.error ?? save.error} />}
    </section>
  );
}
