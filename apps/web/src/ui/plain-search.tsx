import { useState, type FormEvent } from "react";
import { useT } from "../i18n/i18n.tsx";

/** A search form that goes to the search page; the catalog area may replace it with autocomplete. */
export function PlainSearch({ onSubmit }: { onSubmit: (q: string) => void }) {
  const t = useT();
  const [q, setQ] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (q.trim()) onSubmit(q.trim());
  };
  return (
    <form role="search" className="search" onSubmit={submit}>
      <label htmlFor="q" className="visually-hidden">
        {t("nav.search")}
      </label>
      <input id="q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t("nav.search")} />
      <button type="submit">{t("nav.searchButton")}</button>
    </form>
  );
}
