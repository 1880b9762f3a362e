// The PostgreSQL adapter of the cart store (the embedded profile). Every write is one transaction
// that first locks the cart's row (creating a user's cart, or extending a live guest cart's expiry),
// so the limits are checked against the cart as it is, with concurrent writers queued behind it.
// The transaction joins the call's (kit/transaction.ts), so with an Idempotency-Key the change and
// its stored answer commit together.
import { and, asc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { Db, Executor } from "@shop/kit/db";
import { transaction } from "@shop/kit/transaction";
import { planMerge } from "../domain/merge.ts";
import { cartLines, carts } from "./postgres-tables.ts";
import { isGuest, type CartKey, type CartStore, type Missing, type StoredCart, type StoredLine } from "./port.ts";

const notFound: Missing = { missing: "CART_NOT_FOUND" };
const withoutKey = ({ cartKey: _, ...line }: typeof cartLines.$inferSelect): StoredLine => line;

export function createPostgresCartStore(db: Db, guestTtlMs: number, sweepEveryMs = 3_600_000): CartStore {
  const expiry = () => new Date(Date.now() + guestTtlMs);

  async function load(ex: Executor, key: CartKey, updatedAt: Date): Promise<StoredCart> {
    const lines = await ex.select().from(cartLines).where(eq(cartLines.cartKey, key)).orderBy(asc(cartLines.addedAt), asc(cartLines.skuId));
    return { updatedAt, lines: lines.map(withoutKey) };
  }

  /** Locks the cart's row for the transaction, marking it changed: a user's is created when missing, a guest's must be live. */
  async function lock(ex: Executor, key: CartKey): Promise<Date | undefined> {
    const [row] = isGuest(key)
      ? await ex
          .update(carts)
          .set({ updatedAt: sql`now()`, expiresAt: expiry() })
          .where(and(eq(carts.key, key), gt(carts.expiresAt, sql`now()`)))
          .returning({ updatedAt: carts.updatedAt })
      : await ex
          .insert(carts)
          .values({ key })
          .onConflictDoUpdate({ target: carts.key, set: { updatedAt: sql`now()` } })
          .returning({ updatedAt: carts.updatedAt });
    return row?.updatedAt;
  }

  /** Runs `work` with the cart locked, then answers the cart as it is. */
  const edit = (key: CartKey, work: (ex: Executor) => Promise<Missing | void>) =>
    transaction(db, async (tx): Promise<{ cart: StoredCart } | Missing> => {
      const updatedAt = await lock(tx, key);
      if (!updatedAt) return notFound;
      const missing = await work(tx);
      return missing ?? { cart: await load(tx, key, updatedAt) };
    });

  const sweep = setInterval(() => {
    db.delete(carts)
      .where(lt(carts.expiresAt, sql`now()`))
      .catch(() => undefined); // the next sweep tries again; an expired cart is unreadable meanwhile
  }, sweepEveryMs);
  sweep.unref();

  return {
    async read(key) {
      // One query: the cart's row with its lines (none: a user's empty cart, or no guest cart).
      const rows = await db
        .select({ updatedAt: carts.updatedAt, expiresAt: carts.expiresAt, line: cartLines })
        .from(carts)
        .leftJoin(cartLines, eq(cartLines.cartKey, carts.key))
        .where(eq(carts.key, key))
        .orderBy(asc(cartLines.addedAt), asc(cartLines.skuId));
      const head = rows[0];
      if (isGuest(key) && (!head || head.expiresAt! <= new Date())) return undefined;
      const lines = rows.flatMap((r) => (r.line ? [withoutKey(r.line)] : []));
      return { updatedAt: head?.updatedAt ?? new Date(0), lines };
    },
    async createGuest(key) {
      const [row] = await db.insert(carts).values({ key, expiresAt: expiry() }).returning();
      return { lines: [], updatedAt: row!.updatedAt };
    },
    async add(key, line, cap, maxLines) {
      let refused: { full: true } | { over: true; inCart: number } | undefined;
      const outcome = await edit(key, async (tx) => {
        // One query for both checks: the SKU's line (if any) and how many lines the cart has.
        const [{ count, existing }] = (await tx
          .select({
            count: sql<number>`count(*)::int`,
            existing: sql<number | null>`max(${cartLines.quantity}) filter (where ${cartLines.skuId} = ${line.skuId})`,
          })
          .from(cartLines)
          .where(eq(cartLines.cartKey, key))) as [{ count: number; existing: number | null }];
        if (existing !== null) {
          if (existing + line.quantity > cap) refused = { over: true, inCart: existing };
          else
            await tx
              .update(cartLines)
              .set({ quantity: existing + line.quantity })
              .where(and(eq(cartLines.cartKey, key), eq(cartLines.skuId, line.skuId)));
        } else if (count >= maxLines) refused = { full: true };
        else if (line.quantity > cap) refused = { over: true, inCart: 0 };
        else
          await tx
            .insert(cartLines)
            .values({ cartKey: key, skuId: line.skuId, quantity: line.quantity, selected: true, addedPriceMinor: line.priceMinor, currency: line.currency });
      });
      return refused ?? outcome;
    },
    update(key, skuId, change) {
      return edit(key, async (tx) => {
        const set = {
          ...(change.quantity !== undefined && { quantity: change.quantity }),
          ...(change.selected !== undefined && { selected: change.selected }),
        };
        const where = and(eq(cartLines.cartKey, key), eq(cartLines.skuId, skuId));
        const changed = Object.keys(set).length
          ? await tx.update(cartLines).set(set).where(where).returning({ skuId: cartLines.skuId })
          : await tx.select({ skuId: cartLines.skuId }).from(cartLines).where(where);
        if (!changed.length) return { missing: "LINE_NOT_FOUND" };
      });
    },
    remove(key, skuIds) {
      return edit(key, async (tx) => {
        if (skuIds.length) await tx.delete(cartLines).where(and(eq(cartLines.cartKey, key), inArray(cartLines.skuId, skuIds)));
      });
    },
    select(key, skuIds, selected) {
      return edit(key, async (tx) => {
        const which = skuIds.length ? and(eq(cartLines.cartKey, key), inArray(cartLines.skuId, skuIds)) : eq(cartLines.cartKey, key);
        await tx.update(cartLines).set({ selected }).where(which);
      });
    },
    clear(key) {
      return edit(key, async (tx) => {
        await tx.delete(cartLines).where(eq(cartLines.cartKey, key));
      });
    },
    merge(guest, user, caps, defaultCap, maxLines) {
      return transaction(db, async (tx) => {
        const updatedAt = (await lock(tx, user))!;
        const [live] = await tx
          .select({ key: carts.key })
          .from(carts)
          .where(and(eq(carts.key, guest), gt(carts.expiresAt, sql`now()`)))
          .for("update");
        let adjusted: string[] = [];
        if (live) {
          const [mine, theirs] = [await load(tx, user, updatedAt), await load(tx, guest, updatedAt)];
          const plan = planMerge(mine.lines, theirs.lines, (sku) => caps.get(sku) ?? defaultCap, maxLines);
          if (plan.writes.length) {
            await tx
              .insert(cartLines)
              .values(plan.writes.map((l) => ({ cartKey: user, ...l })))
              .onConflictDoUpdate({ target: [cartLines.cartKey, cartLines.skuId], set: { quantity: sql`excluded.quantity` } });
          }
          await tx.delete(carts).where(eq(carts.key, guest)); // its lines go with it (on delete cascade)
          adjusted = plan.adjusted;
        }
        return { cart: await load(tx, user, updatedAt), adjusted };
      });
    },
    close() {
      clearInterval(sweep);
      return Promise.resolve();
    },
  };
}
