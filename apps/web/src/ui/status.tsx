// Loading and error states, the same on every page.
import type { ReactNode } from "react";
import { ApiError, messageOf } from "../api/error.ts";
import { useT } from "../i18n/i18n.tsx";

export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <p className="status" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label ?? t("app.loading")}
    </p>
  );
}

/** An error from a call: the API's message and its field violations, with a retry when given. */
export function ErrorBox({ error, retry }: { error: unknown; retry?: () => void }) {
  const t = useT();
  const violations = error instanceof ApiError ? error.violations : [];
  return (
    <div className="error" role="alert">
      <strong>{t("app.error")}:</strong> {messageOf(error)}
      {violations.length > 0 && (
        <ul>
          {violations.map((v) => (
            <li key={`${v.field}:${v.rule}`}>
              <code>{v.field}</code>: {v.message}
            </li>
          ))}
        </ul>
      )}
      {retry && (
        <button type="button" onClick={retry}>
          {t("app.retry")}
        </button>
      )}
    </div>
  );
}

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

/** Renders a query's data, or its loading or error state. */
export function Async<T>({ query, children }: { query: QueryLike<T>; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Loading />;
  if (query.error || query.data === undefined) return <ErrorBox error={query.error} retry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
