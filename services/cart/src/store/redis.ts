// The Redis adapter of the cart store: a hash per cart under `<keyPrefix><cart key>`, every write
// one Lua script (redis-scripts.ts), one round trip. Guest carts expire after the TTL unused.
import type { Redis } from "ioredis";
import { addScript, clearScript, mergeScript, removeScript, selectScript, updateScript } from "./redis-scripts.ts";
import { isGuest, type CartKey, type CartStore, type Missing, type StoredCart, type StoredLine } from "./port.ts";

type Reply = [string, ...unknown[]];

interface CartCommands {
  cartAdd(key: string, ...args: (string | number)[]): Promise<Reply>;
  cartUpdate(key: string, ...args: (string | number)[]): Promise<Reply>;
  cartRemove(key: string, ...args: (string | number)[]): Promise<Reply>;
  cartSelect(key: string, ...args: (string | number)[]): Promise<Reply>;
  cartClear(key: string, ...args: (string | number)[]): Promise<Reply>;
  cartMerge(guest: string, user: string, ...args: (string | number)[]): Promise<[string, string[], string[]]>;
}

/** A hash's fields as HGETALL answers them, flat, into a cart (lines oldest first). */
export function parseCart(flat: string[]): StoredCart {
  let updatedAt = new Date(0);
  const lines: StoredLine[] = [];
  for (let i = 0; i < flat.length; i += 2) {
    const field = flat[i]!;
    const value = flat[i + 1]!;
    if (field === "@") {
      updatedAt = new Date(Number(value));
      continue;
    }
    const [quantity, selected, price, currency, at] = value.split(":");
    lines.push({
      skuId: field,
      quantity: Number(quantity),
      selected: selected === "1",
      addedPriceMinor: Number(price),
      currency: currency!,
      addedAt: new Date(Number(at)),
    });
  }
  lines.sort((a, b) => a.addedAt.getTime() - b.addedAt.getTime() || (a.skuId < b.skuId ? -1 : 1));
  return { lines, updatedAt };
}

function cartOrMissing(reply: Reply): { cart: StoredCart } | Missing {
  if (reply[0] === "OK") return { cart: parseCart(reply[1] as string[]) };
  if (reply[0] === "CART_NOT_FOUND" || reply[0] === "LINE_NOT_FOUND") return { missing: reply[0] };
  throw new Error(`cart script answered ${reply[0]}`);
}

export function createRedisCartStore(redis: Redis, keyPrefix: string, guestTtlMs: number): CartStore {
  const r = redis as Redis & CartCommands;
  r.defineCommand("cartAdd", { numberOfKeys: 1, lua: addScript });
  r.defineCommand("cartUpdate", { numberOfKeys: 1, lua: updateScript });
  r.defineCommand("cartRemove", { numberOfKeys: 1, lua: removeScript });
  r.defineCommand("cartSelect", { numberOfKeys: 1, lua: selectScript });
  r.defineCommand("cartClear", { numberOfKeys: 1, lua: clearScript });
  r.defineCommand("cartMerge", { numberOfKeys: 2, lua: mergeScript });
  const k = (key: CartKey) => keyPrefix + key;
  /** now, TTL, must-exist: the first arguments of every single-cart script. */
  const head = (key: CartKey) => [Date.now(), isGuest(key) ? guestTtlMs : 0, isGuest(key) ? "1" : "0"] as const;

  return {
    async read(key) {
      const flat = await r.hgetall(k(key));
      if (isGuest(key) && !("@" in flat)) return undefined;
      return parseCart(Object.entries(flat).flat());
    },
    async createGuest(key) {
      const now = Date.now();
      await r.multi().hset(k(key), "@", now).pexpire(k(key), guestTtlMs).exec();
      return { lines: [], updatedAt: new Date(now) };
    },
    async add(key, line, cap, maxLines) {
      const reply = await r.cartAdd(k(key), ...head(key), line.skuId, line.quantity, cap, maxLines, line.priceMinor, line.currency);
      if (reply[0] === "OVER") return { over: true, inCart: Number(reply[1]) };
      if (reply[0] === "FULL") return { full: true };
      return cartOrMissing(reply);
    },
    async update(key, skuId, change) {
      const selected = change.selected === undefined ? "" : change.selected ? "1" : "0";
      return cartOrMissing(await r.cartUpdate(k(key), ...head(key), skuId, change.quantity ?? "", selected));
    },
    async remove(key, skuIds) {
      return cartOrMissing(await r.cartRemove(k(key), ...head(key), ...skuIds));
    },
    async select(key, skuIds, selected) {
      return cartOrMissing(await r.cartSelect(k(key), ...head(key), selected ? "1" : "0", ...skuIds));
    },
    async clear(key) {
      return cartOrMissing(await r.cartClear(k(key), ...head(key)));
    },
    async merge(guest, user, caps, defaultCap, maxLines) {
      const pairs = [...caps].flat();
      const [, adjusted, flat] = await r.cartMerge(k(guest), k(user), Date.now(), defaultCap, maxLines, ...pairs);
      return { cart: parseCart(flat), adjusted };
    },
    async close() {
      await redis.quit();
    },
  };
}
