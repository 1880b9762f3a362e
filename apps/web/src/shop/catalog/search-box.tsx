// The header's search box with autocomplete as you type (SearchService.Suggest, 150 ms after the
// last key), following the ARIA combobox pattern: arrows move through the suggestions, Enter opens
// one (or searches what is typed), Escape closes the list.
import { SearchService, SuggestionKind, type Suggestion } from "@shop/contracts/shop/product/v1/search_pb.ts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState, type KeyboardEvent, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { rpcQuery } from "../../api/query.ts";
import { useT } from "../../i18n/i18n.tsx";
import { Highlighted } from "./highlight.tsx";

function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function SearchBox() {
  const t = useT();
  const navigate = useNavigate();
  const id = useId();
  const [q, setQ] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const typed = useDebounced(q.trim().slice(0, 50), 150);
  const suggest = useQuery({
    ...rpcQuery(SearchService.method.suggest, { q: typed, limit: 8 }),
    enabled: typed !== "",
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
  const items = typed && q.trim() ? (suggest.data?.suggestions ?? []) : [];
  const expanded = open && items.length > 0;

  const go = (s: Suggestion) => {
    setOpen(false);
    setActive(-1);
    if (s.kind === SuggestionKind.PRODUCT && s.productId) {
      void navigate(`/p/${s.productId}`);
    } else {
      setQ(s.text);
      void navigate(`/search?q=${encodeURIComponent(s.text)}`);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const picked = expanded ? items[active] : undefined;
    if (picked) return go(picked);
    if (!q.trim()) return;
    setOpen(false);
    void navigate(`/search?q=${encodeURIComponent(q.trim())}`);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!expanded) {
        setOpen(true);
        return;
      }
      const step = e.key === "ArrowDown" ? 1 : -1;
      // -1 is the input itself: moving past either end comes back to what was typed.
      setActive((i) => {
        const next = i + step;
        return next >= items.length ? -1 : next < -1 ? items.length - 1 : next;
      });
    } else if (e.key === "Escape") {
      if (expanded) e.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };
  const optionId = (i: number) => `${id}-opt-${i}`;
  return (
    <form role="search" className="search search-box" onSubmit={submit}>
      <label htmlFor={`${id}-q`} className="visually-hidden">
        {t("nav.search")}
      </label>
      <input
        id={`${id}-q`}
        type="search"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        value={q}
        placeholder={t("nav.search")}
        maxLength={100}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKey}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
      />
      <button type="submit">{t("nav.searchButton")}</button>
      <ul id={`${id}-list`} role="listbox" aria-label={t("catalog.suggestions")} className="suggestions" hidden={!expanded}>
        {items.map((s, i) => (
          <li
            key={`${s.kind}:${s.text}:${s.productId}`}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={i === active ? "active" : undefined}
            // mousedown, not click: the input keeps its focus (its blur would close the list first).
            onMouseDown={(e) => {
              e.preventDefault();
              go(s);
            }}
          >
            <Highlighted html={s.highlighted || s.text} />
            {s.kind === SuggestionKind.BRAND && <span className="muted"> · {t("catalog.brand")}</span>}
          </li>
        ))}
      </ul>
    </form>
  );
}
