// A coupon template's rules: what each kind needs beyond the proto's field rules, and the status
// derived from its window and an early end.
import { invalidTemplate } from "./errors.ts";

export type Kind = "FIXED_AMOUNT" | "PERCENT_OFF" | "THRESHOLD";
export type Scope = "ALL" | "CATEGORIES" | "PRODUCTS";
export type TemplateStatus = "SCHEDULED" | "ACTIVE" | "ENDED";

/** What takes money off: the fields of a template the discount arithmetic reads. */
export interface Terms {
  kind: Kind;
  currency: string;
  amountOffMinor: number;
  percentOff: number;
  maxDiscountMinor: number;
  minSpendMinor: number;
  validFrom: Date;
  validUntil: Date;
  scope: Scope;
  categoryIds: string[];
  productIds: string[];
}

export interface NewTemplate extends Terms {
  name: string;
  description: string;
  totalQuantity: number;
  perUserLimit: number;
}

/** SCHEDULED before valid_from, ENDED from valid_until or once ended early, ACTIVE between. */
export function statusAt(t: { validFrom: Date; validUntil: Date; endedAt: Date | null }, now: Date): TemplateStatus {
  if (t.endedAt || now >= t.validUntil) return "ENDED";
  return now < t.validFrom ? "SCHEDULED" : "ACTIVE";
}

/**
 * The rules protovalidate cannot say (they depend on the kind and the scope); throws
 * INVALID_ARGUMENT naming the first field that breaks one.
 */
export function checkNewTemplate(t: NewTemplate): void {
  if (t.kind === "FIXED_AMOUNT" || t.kind === "THRESHOLD") {
    if (t.amountOffMinor <= 0) throw invalidTemplate("AMOUNT_OFF_REQUIRED", "amountOffMinor", `a ${t.kind} coupon needs amount_off_minor > 0`);
  }
  if (t.kind === "PERCENT_OFF" && (t.percentOff < 1 || t.percentOff > 99)) {
    throw invalidTemplate("PERCENT_OFF_OUT_OF_RANGE", "percentOff", "a PERCENT_OFF coupon needs percent_off between 1 and 99");
  }
  if (t.kind === "THRESHOLD" && t.minSpendMinor <= t.amountOffMinor) {
    throw invalidTemplate("MIN_SPEND_TOO_LOW", "minSpendMinor", "a THRESHOLD coupon needs min_spend_minor above amount_off_minor");
  }
  if (t.validUntil <= t.validFrom) throw invalidTemplate("INVALID_VALIDITY_WINDOW", "validUntil", "valid_until must be after valid_from");
  if (t.scope === "CATEGORIES" && !t.categoryIds.length) {
    throw invalidTemplate("SCOPE_CATEGORIES_REQUIRED", "categoryIds", "a CATEGORIES scope needs at least one category id");
  }
  if (t.scope === "PRODUCTS" && !t.productIds.length) {
    throw invalidTemplate("SCOPE_PRODUCTS_REQUIRED", "productIds", "a PRODUCTS scope needs at least one product id");
  }
  if (t.scope !== "CATEGORIES" && t.categoryIds.length) {
    throw invalidTemplate("SCOPE_MISMATCH", "categoryIds", `a ${t.scope} scope takes no category ids`);
  }
  if (t.scope !== "PRODUCTS" && t.productIds.length) {
    throw invalidTemplate("SCOPE_MISMATCH", "productIds", `a ${t.scope} scope takes no product ids`);
  }
}
