// The language switch (English, Chinese), remembered per browser, first guessed from the browser's
// own language; texts by key, and money and dates formatted by Intl for the chosen language.
import { timestampDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { Lang } from "./define.ts";
import { texts, type TextKey } from "./texts.ts";

const storageKey = "shop.lang";

function initialLang(): Lang {
  const saved = localStorage.getItem(storageKey);
  if (saved === "en" || saved === "zh") return saved;
  return navigator.language.toLowerCase().startsWith("zh") ? "zh" : "en";
}

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n | undefined>(undefined);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  }, [lang]);
  const value = useMemo(
    () => ({
      lang,
      setLang: (next: Lang) => {
        localStorage.setItem(storageKey, next);
        setLangState(next);
      },
    }),
    [lang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useLang(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error("useLang outside I18nProvider");
  return ctx;
}

export type Translate = (key: TextKey, vars?: Record<string, string | number>) => string;

/**
 * `t("cart.lines", { n: 3 })`: the text in the chosen language, `{n}` filled in. A text with forms
 * separated by "|" is plural: the form is picked by `n` with Intl.PluralRules, in the order of the
 * language's categories (English: one|other; Chinese has only other).
 */
export function useT(): Translate {
  const { lang } = useLang();
  return useMemo(() => {
    const table: Record<string, string> = texts[lang];
    const plural = new Intl.PluralRules(lang === "zh" ? "zh-CN" : "en-US");
    const categories = plural.resolvedOptions().pluralCategories;
    return (key, vars) => {
      let text = table[key] ?? key;
      if (text.includes("|") && typeof vars?.n === "number") {
        const forms = text.split("|");
        text = forms[categories.indexOf(plural.select(vars.n))] ?? forms[forms.length - 1]!;
      }
      return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
    };
  }, [lang]);
}

type Instant = Timestamp | Date | undefined;
const toDate = (t: Instant) => (t === undefined ? undefined : t instanceof Date ? t : timestampDate(t));

export interface Format {
  /** An amount in the currency's smallest unit (fen, cents), e.g. money(1999n, "CNY") → ¥19.99. */
  money(minor: bigint | number | string, currency: string): string;
  date(t: Instant): string;
  dateTime(t: Instant): string;
  number(n: number | bigint): string;
}

export function useFormat(): Format {
  const { lang } = useLang();
  return useMemo(() => {
    const locale = lang === "zh" ? "zh-CN" : "en-US";
    const moneyFormats = new Map<string, Intl.NumberFormat>();
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
    const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
    const numberFormat = new Intl.NumberFormat(locale);
    return {
      money(minor, currency) {
        const code = currency || "CNY";
        let f = moneyFormats.get(code);
        if (!f) moneyFormats.set(code, (f = new Intl.NumberFormat(locale, { style: "currency", currency: code })));
        const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
        // Exact for any int64: whole and fraction parts split as integers, not through a float division.
        const n = BigInt(minor);
        const scale = 10n ** BigInt(digits);
        const whole = n / scale;
        const frac = (n < 0n ? -n : n) % scale;
        return f.format(`${n < 0n && whole === 0n ? "-" : ""}${whole}.${frac.toString().padStart(digits, "0")}` as unknown as number);
      },
      date: (t) => {
        const d = toDate(t);
        return d ? dateFormat.format(d) : "";
      },
      dateTime: (t) => {
        const d = toDate(t);
        return d ? dateTimeFormat.format(d) : "";
      },
      number: (n) => numberFormat.format(n),
    };
  }, [lang]);
}
