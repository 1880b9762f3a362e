// Sign in; `?next=` brings the shopper back where they were (an expired session, a checkout).
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useT } from "../i18n/i18n.tsx";
import { Field } from "../ui/field.tsx";
import { ErrorBox } from "../ui/status.tsx";
import { signIn } from "./session.tsx";
import { useAuthSubmit } from "./use-auth-submit.ts";

export function Component() {
  const t = useT();
  const [params] = useSearchParams();
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const { next, error, busy, onSubmit } = useAuthSubmit(() => signIn(login, password));
  return (
    <section className="narrow">
      <h1>{t("auth.signIn")}</h1>
      {params.get("expired") && <p className="notice">{t("auth.expired")}</p>}
      {params.get("needed") && <p className="notice">{t("auth.needed")}</p>}
      <form onSubmit={onSubmit}>
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
