// Each area of the app keeps its texts in its own file: English and Chinese side by side, the
// Chinese checked by the compiler to have exactly the English keys. `{name}` marks a value.
export type Lang = "en" | "zh";

export function defineTexts<const T extends Record<string, string>>(texts: { en: T; zh: { [K in keyof T]: string } }) {
  return texts;
}
