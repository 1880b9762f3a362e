// Prices typed as "19.99" in the currency's own unit and sent as an exact count of its smallest
// unit (no float arithmetic): JPY has 0 decimals, CNY and EUR 2.
export function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** "19.9" → 1990n for CNY; undefined when it is not a plain non-negative amount with at most the currency's decimals. */
export function parseMinor(text: string, currency: string): bigint | undefined {
  const digits = fractionDigits(currency);
  const m = /^(\d{1,13})(?:[.,](\d*))?$/.exec(text.trim());
  if (!m) return undefined;
  const frac = m[2] ?? "";
  if (frac.length > digits) return undefined;
  return BigInt(m[1]!) * 10n ** BigInt(digits) + BigInt(frac.padEnd(digits, "0") || "0");
}

/** 1990n → "19.90" for CNY: the input's text for an amount. */
export function minorText(minor: bigint, currency: string): string {
  const digits = fractionDigits(currency);
  if (digits === 0) return minor.toString();
  const scale = 10n ** BigInt(digits);
  return `${minor / scale}.${(minor % scale).toString().padStart(digits, "0")}`;
}
