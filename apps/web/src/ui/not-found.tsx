import { Link } from "react-router";
import { useT } from "../i18n/i18n.tsx";

export function NotFound() {
  const t = useT();
  return (
    <section className="narrow">
      <h1>404</h1>
      <p>{t("app.notFound")}</p>
      <Link to="/">{t("app.home")}</Link>
    </section>
  );
}
