// The storefront's home, the first page most visits load: the category tree and featured products
// (best rated, newest). It imports only what it shows, to keep the first page's JavaScript small.
import { useQuery } from "@tanstack/react-query";
import { CatalogService, ProductSort } from "@shop/contracts/shop/product/v1/catalog_pb.ts";
import type { Category } from "@shop/contracts/shop/product/v1/product_pb.ts";
import { Link } from "react-router";
import { rpcQuery } from "../../api/query.ts";
import { useT } from "../../i18n/i18n.tsx";
import type { TextKey } from "../../i18n/texts.ts";
import { Async } from "../../ui/status.tsx";
import { useCategoryTree } from "./categories.ts";
import { ProductCard } from "./product-card.tsx";

function CategoryTree({ categories }: { categories: Category[] }) {
  return (
    <ul>
      {categories.map((c) => (
        <li key={c.id}>
          <Link to={`/c/${c.id}`}>{c.name}</Link>
          {c.children.length > 0 && <CategoryTree categories={c.children} />}
        </li>
      ))}
    </ul>
  );
}

function Featured({ title, sort, more }: { title: TextKey; sort: ProductSort; more: string }) {
  const t = useT();
  const list = useQuery(rpcQuery(CatalogService.method.listProducts, { sort, pageSize: 8 }));
  return (
    <section aria-labelledby={`h-${more}`}>
      <div className="row section-head">
        <h2 id={`h-${more}`}>{t(title)}</h2>
        <Link to={`/products?sort=${more}`}>{t("catalog.seeAll")}</Link>
      </div>
      <Async query={list}>
        {(page) =>
          page.products.length === 0 ? (
            <p className="muted">{t("catalog.noProducts")}</p>
          ) : (
            <ul className="grid">
              {page.products.map((p) => (
                <ProductCard key={p.id} p={p} />
              ))}
            </ul>
          )
        }
      </Async>
    </section>
  );
}

export function Component() {
  const t = useT();
  const tree = useCategoryTree();
  return (
    <div className="home">
      <nav className="categories card" aria-labelledby="h-categories">
        <h2 id="h-categories">{t("nav.categories")}</h2>
        <Async query={tree}>
          {(data) => (data.categories.length ? <CategoryTree categories={data.categories} /> : <p className="muted">{t("app.empty")}</p>)}
        </Async>
        <Link to="/products">{t("catalog.allProducts")}</Link>
      </nav>
      <div className="featured">
        <h1 className="visually-hidden">{t("app.name")}</h1>
        <Featured title="catalog.topRated" sort={ProductSort.TOP_RATED} more="top_rated" />
        <Featured title="catalog.newest" sort={ProductSort.NEWEST} more="newest" />
      </div>
    </div>
  );
}
