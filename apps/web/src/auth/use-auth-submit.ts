// The one flow behind the sign-in and sign-up forms: run the call, mark every read stale (they were
// made as a guest), then go on to `?next=` — a path of this app only.
import { useState, type FormEvent } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { useQueryClient } from "@tanstack/react-query";

/** Only a path of this app: never an open redirect ("//host" and "/\host" both leave the site). */
export const safeNext = (next: string | null) => (next && /^\/(?![/\\])/.test(next) ? next : "/");

export function useAuthSubmit(action: () => Promise<void>) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const next = params.get("next");
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await action();
      // Not awaited: the next page must not wait for every old read to come back; it reads afresh.
      void client.invalidateQueries();
      await navigate(safeNext(next), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { next, error, busy, onSubmit: (e: FormEvent) => void submit(e) };
}
