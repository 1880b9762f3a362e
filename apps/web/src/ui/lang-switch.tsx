import { useLang, useT } from "../i18n/i18n.tsx";

export function LangSwitch() {
  const { lang, setLang } = useLang();
  const t = useT();
  return (
    <button type="button" className="link" aria-label={t("app.language")} onClick={() => setLang(lang === "zh" ? "en" : "zh")}>
      {lang === "zh" ? "English" : "中文"}
    </button>
  );
}
