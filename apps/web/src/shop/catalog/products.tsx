// Product lists: /products (everything on sale) and /c/:categoryId (a category and what is below
// it), with the API's filters, sorts and cursor paging, all in the URL.
import { CatalogService } from "@shop/contracts/shop/product/v1/catalog_pb.ts";
import type { Category } from "@shop/contracts/shop/product/v1/product_pb.ts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useParams, useSearchParams } from "react-router";
import { rpcQuery } from "../../api/query.ts";
import { useT } from "../../i18n/i18n.tsx";
import { Pager } from "../../ui/pager.tsx";
import { Async } from "../../ui/status.tsx";
import { flatten, useCategoryTree } from "./categories.ts";
import { Filters } from "./filters.tsx";
import { readFilters, requestOf, useUrlPager } from "./list-params.ts";
import { ProductCard } from "./product-card.tsx";

function Subcategories({ category }: { category: Category }) {
  if (category.children.length === 0) return null;
  return (
    <ul className="row chips">
      {category.children.map((c) => (
        <li key={c.id}>
          <Link to={`/c/${c.id}`}>{c.name}</Link>
        </li>
      ))}
    </ul>
  );
}

export function Component() {
  const t = useT();
  const { categoryId = "" } = useParams();
  const [params] = useSearchParams();
  const pages = useUrlPager();
  const filters = readFilters(params);
  if (categoryId) filters.categoryId = categoryId;
  const list = useQuery({ ...rpcQuery(CatalogService.method.listProducts, requestOf(filters, pages.token)), placeholderData: keepPreviousData });
  const tree = useCategoryTree();
  const category = categoryId ? flatten(tree.data?.categories ?? []).find((c) => c.category.id === categoryId)?.category : undefined;
  return (
    <section className="listing">
      <h1>{category?.name ?? t("catalog.allProducts")}</h1>
      {category && <Subcategories category={category} />}
      {/* Remounted when the URL changes, so its fields show what is applied. */}
      <Filters key={params.toString() + categoryId} fixedCategory={Boolean(categoryId)} />
      <Async query={list}>
        {(page) => (
          <>
            {page.products.length === 0 ? (
              <p className="muted">{t("catalog.noProducts")}</p>
            ) : (
              <ul className="grid" aria-busy={list.isPlaceholderData}>
                {page.products.map((p) => (
                  <ProductCard key={p.id} p={p} />
                ))}
              </ul>
            )}
            <Pager pages={pages} nextToken={page.nextPageToken || undefined} />
          </>
        )}
      </Async>
    </section>
  );
}
