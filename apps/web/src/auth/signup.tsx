// Create an account; signed in at once, the guest's cart merged (session.tsx).
import { useState } from "react";
import { Link } from "react-router";
import { ApiError } from "../api/error.ts";
import { useT } from "../i18n/i18n.tsx";
import { Field } from "../ui/field.tsx";
import { ErrorBox } from "../ui/status.tsx";
import { signUp } from "./session.tsx";
import { useAuthSubmit } from "./use-auth-submit.ts";

export function Component() {
  const t = useT();
  const [form, setForm] = useState({ username: "", email: "", password: "", displayName: "" });
  const { next, error, busy, onSubmit } = useAuthSubmit(() => signUp(form));
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const fieldError = (name: string) => (error instanceof ApiError ? error.violations.find((v) => v.field === name)?.message : undefined);
  return (
    <section className="narrow">
      <h1>{t("auth.signUp")}</h1>
      <form onSubmit={onSubmit}>
        <Field
          label={t("auth.username")}
          name="username"
          autoComplete="username"
          required
          minLength={3}
          maxLength={32}
          value={form.username}
          onChange={set("username")}
          error={fieldError("username")}
        />
        <Field
          label={t("auth.email")}
          name="email"
          type="email"
          autoComplete="email"
          required
          value={form.email}
          onChange={set("email")}
          error={fieldError("email")}
        />
        <Field
          label={t("auth.password")}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          value={form.password}
          onChange={set("password")}
          error={fieldError("password")}
        />
        <Field label={t("auth.displayName")} name="displayName" autoComplete="nickname" maxLength={64} value={form.displayName} onChange={set("displayName")} />
        {error !== undefined && <ErrorBox error={error} />}
        <button type="submit" className="primary" disabled={busy}>
          {t("auth.signUp")}
        </button>
      </form>
      <p>
        <Link to={next ? `/signin?next=${encodeURIComponent(next)}` : "/signin"}>{t("auth.haveAccount")}</Link>
      </p>
    </section>
  );
}
