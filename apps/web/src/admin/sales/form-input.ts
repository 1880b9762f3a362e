// What the admin forms share: an amount typed in major units read as minor units, a local date-time
// input read as a Timestamp, and the API's violation of one field picked out for that field.
import { timestampFromDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import { ApiError } from "../../api/error.ts";

/** Digits after the point in a currency (2 for CNY and EUR, 0 for JPY). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** "10.5" in CNY → 1050n; undefined when it is not an amount with at most the currency's digits. */
export function toMinor(text: string, currency: string): bigint | undefined {
  const digits = currencyDigits(currency);
  const m = /^(\d{1,12})(?:\.(\d*))?$/.exec(text.trim());
  if (!m) return undefined;
  const frac = m[2] ?? "";
  if (frac.length > digits) return undefined;
  return BigInt(m[1]!) * 10n ** BigInt(digits) + BigInt(frac.padEnd(digits, "0") || "0");
}

/** A <input type="datetime-local"> value (the browser's own time zone) as a Timestamp. */
export function fromLocalInput(value: string): Timestamp | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : timestampFromDate(d);
}

/** A Date as a <input type="datetime-local" step="1"> value in the browser's own time zone. */
export function toLocalInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

const norm = (field: string) => field.replace(/_/g, "").toLowerCase();

/** The API's message for one field of the request (violations name it in proto or JSON spelling). */
export function violationOf(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.violations.find((v) => norm(v.field) === norm(field))?.message;
}
