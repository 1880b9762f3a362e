// Cursor paging as the API does it: a page token for the next page, a stack of the ones before.
import { useState } from "react";
import { useT } from "../i18n/i18n.tsx";

export function usePageTokens() {
  const [stack, setStack] = useState<string[]>([""]);
  return {
    token: stack[stack.length - 1]!,
    page: stack.length,
    next: (token: string) => setStack((s) => [...s, token]),
    prev: () => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)),
    reset: () => setStack([""]),
  };
}

export function Pager({ pages, nextToken }: { pages: ReturnType<typeof usePageTokens>; nextToken: string | undefined }) {
  const t = useT();
  if (pages.page === 1 && !nextToken) return null;
  return (
    <nav className="pager" aria-label="pages">
      <button type="button" onClick={pages.prev} disabled={pages.page === 1}>
        {t("app.prev")}
      </button>
      <span aria-current="page">{pages.page}</span>
      <button type="button" onClick={() => nextToken && pages.next(nextToken)} disabled={!nextToken}>
        {t("app.next")}
      </button>
    </nav>
  );
}
