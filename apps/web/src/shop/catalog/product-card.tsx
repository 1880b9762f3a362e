// One product in a list, a search result or the home page: image, title (highlighted in a search), price, rating.
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { ProductSummary } from "@shop/contracts/shop/product/v1/product_pb.ts";
import { Price } from "./price.tsx";
import { Stars } from "./stars.tsx";

export function ProductImage({ src, alt }: { src: string; alt: string }) {
  // No image: a plain tile, named only when it stands for the product (not beside its title).
  if (!src)
    return alt ? <div className="product-img placeholder" role="img" aria-label={alt} /> : <div className="product-img placeholder" aria-hidden="true" />;
  return <img className="product-img" src={src} alt={alt} loading="lazy" />;
}

export function ProductCard({ p, title, subtitle }: { p: ProductSummary; title?: ReactNode; subtitle?: ReactNode }) {
  return (
    <li className="card product-card">
      <Link to={`/p/${p.id}`} className="product-link">
        <ProductImage src={p.image} alt="" />
        <h3>{title ?? p.title}</h3>
      </Link>
      {(subtitle ?? p.subtitle) && <p className="muted">{subtitle ?? p.subtitle}</p>}
      <Price minor={p.priceMinor} compareAt={p.compareAtPriceMinor} currency={p.currency} from />
      {p.ratingCount > 0 && <Stars rating={p.ratingAverage} count={p.ratingCount} />}
    </li>
  );
}
