// The cart's limits (cart.proto): 1..99 units per line, never more than is available, 100 lines.
import { randomBytes } from "node:crypto";

export const maxQuantity = 99;
export const maxLines = 100;

/** The most units a line of a SKU may hold: 99, and not above what is available when that is known. */
export const lineCap = (available: number | undefined): number => Math.max(0, Math.min(maxQuantity, available ?? maxQuantity));

/** A new guest cart's token: 24 random bytes, 32 base64url characters (the proto's pattern). */
export const newCartToken = (): string => randomBytes(24).toString("base64url");
