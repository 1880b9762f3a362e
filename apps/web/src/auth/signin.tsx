// Sign in; `?next=` brings the shopper back where they were (an expired session, a checkout).
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { useT } from "../i18n/i18n.tsx";
import { Field } from "../ui/field.tsx";
import { ErrorBox } from "../ui/status.tsx";
import { signIn } from "./session.tsx";

/** Only a path of this app: never an open redirect to another site. */
export const safeNext = (next: string | null) => (next && next.startsWith("/") && !next.startsWith("//") ? next : "/");

export function Component() {
  const t = useT();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(login, password);
      await client.invalidateQueries();
      await navigate(safeNext(params.get("next")), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const next = params.get("next");
  return (
    <section className="narrow">
      <h1>{t("auth.signIn")}</h1>
      {params.get("expired") && <p className="notice">{t("auth.expired")}</p>}
      {params.get("needed") && <p className="notice">{t("auth.needed")}</p>}
      <form onSubmit={(e) => void submit(e)}>
        <Field label={t("auth.login")} name="login" autoComplete="username" required value={login} onChange={(e) => setLogin(e.target.value)} />
        <Field
          label={t("auth.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {error !== undefined && <ErrorBox error={error} />}
        <button type="submit" className="primary" disabled={busy}>
          {t("auth.signIn")}
        </button>
      </form>
      <p>
        <Link to={next ? `/signup?next=${encodeURIComponent(next)}` : "/signup"}>{t("auth.noAccount")}</Link>
      </p>
    </section>
  );
}
