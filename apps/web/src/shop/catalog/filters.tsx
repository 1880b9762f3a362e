// The filters and sort of a product list or search, applied to the URL (list-params.ts).
import { useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { useT } from "../../i18n/i18n.tsx";
import type { TextKey } from "../../i18n/texts.ts";
import { Field } from "../../ui/field.tsx";
import { flatten, useCategoryTree } from "./categories.ts";
import { readFilters, sorts, writeFilters, type ListFilters, type SortName } from "./list-params.ts";

const sortText: Record<SortName, TextKey> = {
  relevance: "catalog.sort.relevance",
  newest: "catalog.sort.newest",
  price_asc: "catalog.sort.priceAsc",
  price_desc: "catalog.sort.priceDesc",
  best_selling: "catalog.sort.bestSelling",
  top_rated: "catalog.sort.topRated",
};

export function Filters({ search, fixedCategory }: { search?: boolean; fixedCategory?: boolean }) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const current = readFilters(params);
  const [draft, setDraft] = useState({ ...current, brandText: current.brands.join(", ") });
  const tree = useCategoryTree();
  const apply = (f: ListFilters) => setParams(writeFilters(params, f));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const brands = draft.brandText
      .split(/[,，]/)
      .map((b) => b.trim())
      .filter(Boolean);
    apply({ ...draft, brands });
  };
  // "" is the API's default sort (relevance in a search, newest in a list), offered first.
  const names = (Object.keys(sorts) as SortName[]).filter((s) => s !== "relevance" && s !== "newest");
  return (
    <form className="filters" onSubmit={submit} aria-label={t("catalog.filters")}>
      {!fixedCategory && (
        <div className="field">
          <label htmlFor="f-category">{t("catalog.category")}</label>
          <select id="f-category" value={draft.categoryId} onChange={(e) => setDraft({ ...draft, categoryId: e.target.value })}>
            <option value="">{t("catalog.allCategories")}</option>
            {flatten(tree.data?.categories ?? []).map(({ category, depth }) => (
              <option key={category.id} value={category.id}>
                {"\u00a0\u00a0".repeat(depth) + category.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <Field label={t("catalog.brand")} value={draft.brandText} onChange={(e) => setDraft({ ...draft, brandText: e.target.value })} maxLength={200} />
      <Field
        label={t("catalog.minPrice")}
        type="number"
        min={0}
        step="0.01"
        inputMode="decimal"
        value={draft.min}
        onChange={(e) => setDraft({ ...draft, min: e.target.value })}
      />
      <Field
        label={t("catalog.maxPrice")}
        type="number"
        min={0}
        step="0.01"
        inputMode="decimal"
        value={draft.max}
        onChange={(e) => setDraft({ ...draft, max: e.target.value })}
      />
      <div className="field">
        <label htmlFor="f-rating">{t("catalog.minRating")}</label>
        <select id="f-rating" value={draft.rating} onChange={(e) => setDraft({ ...draft, rating: Number(e.target.value) })}>
          <option value={0}>{t("catalog.anyRating")}</option>
          {[4, 3, 2, 1].map((n) => (
            <option key={n} value={n}>
              {t("catalog.atLeastStars", { n })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-sort">{t("catalog.sort")}</label>
        <select
          id="f-sort"
          value={draft.sort}
          onChange={(e) => {
            // A sort is applied at once: there is nothing else to type with it.
            const next = { ...draft, sort: e.target.value as SortName | "" };
            setDraft(next);
            apply({ ...current, sort: next.sort });
          }}
        >
          <option value="">{t(search ? "catalog.sort.relevance" : "catalog.sort.newest")}</option>
          {search && <option value="newest">{t("catalog.sort.newest")}</option>}
          {names.map((s) => (
            <option key={s} value={s}>
              {t(sortText[s])}
            </option>
          ))}
        </select>
      </div>
      <button type="submit">{t("catalog.apply")}</button>
    </form>
  );
}
