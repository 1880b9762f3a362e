// Where carts live: one port, two adapters (Redis when SHOP_REDIS_URL is set, else PostgreSQL),
// both held to test/store-contract.test.ts. A cart is addressed by its key: `u:<user id>` for a
// shopper's cart (which always exists, empty at first) or `g:<token>` for a guest cart (which exists
// from CreateGuestCart until it expires, unused for the TTL, or is merged). Every write is atomic
// and checks the limits it is given against the cart as it is at that moment, so concurrent writers
// cannot push a cart past them.

export type CartKey = `u:${string}` | `g:${string}`;
export const userCart = (userId: string): CartKey => `u:${userId}`;
export const guestCart = (token: string): CartKey => `g:${token}`;
export const isGuest = (key: CartKey): boolean => key.startsWith("g:");

export interface StoredLine {
  skuId: string;
  quantity: number;
  selected: boolean;
  /** The SKU's price when the line was added. */
  addedPriceMinor: number;
  currency: string;
  addedAt: Date;
}

export interface StoredCart {
  /** Oldest first. */
  lines: StoredLine[];
  updatedAt: Date;
}

export interface NewLine {
  skuId: string;
  quantity: number;
  priceMinor: number;
  currency: string;
}

export type Missing = { missing: "CART_NOT_FOUND" | "LINE_NOT_FOUND" };

export type AddOutcome =
  | { cart: StoredCart }
  | Missing
  | { full: true }
  /** The line would go above `cap`; `inCart` is what it holds now. */
  | { over: true; inCart: number };

export interface LineChange {
  quantity?: number;
  selected?: boolean;
}

export interface MergeOutcome {
  cart: StoredCart;
  /** SKUs whose quantity was capped, or that did not fit. */
  adjusted: string[];
}

export interface CartStore {
  /** The cart; undefined for a guest cart that does not exist (never for a user's cart). */
  read(key: CartKey): Promise<StoredCart | undefined>;
  /** An empty guest cart under a new token. */
  createGuest(key: CartKey): Promise<StoredCart>;
  /** Adds the line, or `line.quantity` to the SKU's line; the result stays within `cap` units and `maxLines` lines. */
  add(key: CartKey, line: NewLine, cap: number, maxLines: number): Promise<AddOutcome>;
  update(key: CartKey, skuId: string, change: LineChange): Promise<{ cart: StoredCart } | Missing>;
  remove(key: CartKey, skuIds: string[]): Promise<{ cart: StoredCart } | Missing>;
  /** Selects or deselects the lines of `skuIds` (every line when empty); unknown SKUs are ignored. */
  select(key: CartKey, skuIds: string[], selected: boolean): Promise<{ cart: StoredCart } | Missing>;
  clear(key: CartKey): Promise<{ cart: StoredCart } | Missing>;
  /**
   * Moves the guest cart's lines into the user's cart and deletes the guest cart: a SKU in both gets
   * the sum, each line at most `caps.get(sku) ?? defaultCap`, and lines past `maxLines` are left out.
   * A guest cart that does not exist leaves the user's cart as it is.
   */
  merge(guest: CartKey, user: CartKey, caps: Map<string, number>, defaultCap: number, maxLines: number): Promise<MergeOutcome>;
  close(): Promise<void>;
}
