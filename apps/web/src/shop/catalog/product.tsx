// A product's page: images, title, price, the SKU picker with the picked SKU's price and stock,
// quantity and "Add to cart"; then the description, attributes and reviews.
import { CatalogService } from "@shop/contracts/shop/product/v1/catalog_pb.ts";
import { ProductStatus, type Product, type Sku } from "@shop/contracts/shop/product/v1/product_pb.ts";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { rpcQuery } from "../../api/query.ts";
import { useT } from "../../i18n/i18n.tsx";
import { ErrorBox, Async } from "../../ui/status.tsx";
import { useCartWrite } from "./cart-data.ts";
import { Price } from "./price.tsx";
import { ProductImage } from "./product-card.tsx";
import { Reviews } from "./reviews.tsx";
import { firstSku, SkuPicker } from "./sku-picker.tsx";
import { Stars } from "./stars.tsx";

function Gallery({ product }: { product: Product }) {
  const t = useT();
  const [index, setIndex] = useState(0);
  const images = product.images;
  return (
    <div className="gallery">
      <ProductImage src={images[index] ?? ""} alt={product.title} />
      {images.length > 1 && (
        <div className="row thumbs">
          {images.map((src, i) => (
            <button key={`${i}:${src}`} type="button" aria-label={t("catalog.image", { n: i + 1 })} aria-pressed={i === index} onClick={() => setIndex(i)}>
              <img src={src} alt="" width={56} height={56} />
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

function Stock({ sku }: { sku: Sku }) {
  const t = useT();
  if (sku.available === undefined) return <p className="muted">{t("catalog.stockUnknown")}</p>;
  if (sku.available <= 0) return <p className="stock out">{t("catalog.outOfStock")}</p>;
  return <p className="stock">{t("catalog.inStock", { n: sku.available })}</p>;
}

function Buy({ product }: { product: Product }) {
  const t = useT();
  const [picked, setPicked] = useState<Sku | undefined>(() => firstSku(product.skus));
  const [quantity, setQuantity] = useState(1);
  const add = useCartWrite();
  if (!picked) return <p className="muted">{t("catalog.noSkus")}</p>;
  const onSale = product.status === ProductStatus.ON_SALE;
  const max = Math.max(1, Math.min(99, picked.available ?? 99));
  const canBuy = onSale && picked.available !== 0;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ op: "add", skuId: picked.id, quantity: Math.min(Math.max(1, quantity), max) });
  };
  return (
    <form className="buy" onSubmit={submit}>
      <Price minor={picked.priceMinor} compareAt={picked.compareAtPriceMinor} currency={picked.currency} />
      {product.skus.length > 1 || picked.specs.length > 0 ? (
        <SkuPicker
          skus={product.skus}
          picked={picked}
          onPick={(sku) => {
            setPicked(sku);
            add.reset();
          }}
        />
      ) : null}
      <Stock sku={picked} />
      {!onSale && <p className="notice">{t("catalog.offSale")}</p>}
      <div className="field qty">
        <label htmlFor="qty">{t("catalog.quantity")}</label>
        <input id="qty" type="number" min={1} max={max} value={quantity} onChange={(e) => setQuantity(Number(e.target.value) || 1)} />
      </div>
      <button type="submit" className="primary" disabled={!canBuy || add.isPending}>
        {add.isPending ? t("catalog.adding") : t("catalog.addToCart")}
      </button>
      {add.isSuccess && (
        <p className="notice" role="status">
          {t("catalog.added")} <Link to="/cart">{t("catalog.viewCart")}</Link>
        </p>
      )}
      {add.error && <ErrorBox error={add.error} />}
    </form>
  );
}

export function Component() {
  const t = useT();
  const { productId = "" } = useParams();
  const product = useQuery(rpcQuery(CatalogService.method.getProduct, { productId }));
  return (
    <Async query={product}>
      {(p) => (
        <article className="product-page">
          <div className="product-top">
            <Gallery product={p} />
            <div>
              <h1>{p.title}</h1>
              {p.subtitle && <p className="muted">{p.subtitle}</p>}
              {p.brand && (
                <p>
                  {t("catalog.brand")}: <Link to={`/products?brand=${encodeURIComponent(p.brand)}`}>{p.brand}</Link>
                </p>
              )}
              {p.ratingCount > 0 && (
                <a href="#reviews-h">
                  <Stars rating={p.ratingAverage} count={p.ratingCount} />
                </a>
              )}
              <Buy key={p.id} product={p} />
            </div>
          </div>
          {p.description && (
            <section>
              <h2>{t("catalog.description")}</h2>
              <p className="description">{p.description}</p>
            </section>
          )}
          {p.attributes.length > 0 && (
            <section>
              <h2>{t("catalog.attributes")}</h2>
              <dl className="attributes">
                {p.attributes.map((a) => (
                  <div key={a.key}>
                    <dt>{a.key}</dt>
                    <dd>{a.value}</dd>
                  </div>
                ))}
              </dl>
            </section>
          )}
          <Reviews productId={p.id} average={p.ratingAverage} count={p.ratingCount} />
        </article>
      )}
    </Async>
  );
}
