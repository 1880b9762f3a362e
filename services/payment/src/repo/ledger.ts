// The ledger: accounts, journal entries and their postings (migrations/0002_wallet.sql). The
// database keeps each wallet's balance with its postings and refuses unbalanced entries, negative
// wallets, and any change to what was posted.
import { and, desc, eq, isNull, lt, sql } from "drizzle-orm";
import { bigint, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Executor } from "@shop/kit/db";
import { v7 } from "uuid";
import type { AccountKind, EntryKind } from "../domain/ledger.ts";

export const accounts = pgTable("ledger_accounts", {
  id: uuid("id").primaryKey(),
  kind: text("kind").$type<AccountKind>().notNull(),
  userId: uuid("user_id"),
  currency: text("currency").notNull(),
  balanceMinor: bigint("balance_minor", { mode: "number" }).notNull(),
});

export const entries = pgTable("ledger_entries", {
  id: uuid("id").primaryKey(),
  kind: text("kind").$type<EntryKind>().notNull(),
  reference: uuid("reference").notNull(),
  orderId: uuid("order_id"),
  currency: text("currency").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const postings = pgTable("ledger_postings", {
  seq: bigint("seq", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  id: uuid("id").notNull(),
  entryId: uuid("entry_id").notNull(),
  accountId: uuid("account_id").notNull(),
  amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
  balanceAfterMinor: bigint("balance_after_minor", { mode: "number" }),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export type AccountRow = typeof accounts.$inferSelect;
export type NewEntry = Omit<typeof entries.$inferInsert, "createdAt">;

const ownedBy = (kind: AccountKind, userId: string | null, currency: string) =>
  and(eq(accounts.kind, kind), userId ? eq(accounts.userId, userId) : isNull(accounts.userId), eq(accounts.currency, currency));

/** The account (made on first use), locked for the rest of the transaction when `lock`. */
export async function account(ex: Executor, kind: AccountKind, userId: string | null, currency: string, lock = false): Promise<AccountRow> {
  await ex.insert(accounts).values({ id: v7(), kind, userId, currency, balanceMinor: 0 }).onConflictDoNothing();
  const query = ex
    .select()
    .from(accounts)
    .where(ownedBy(kind, userId, currency));
  const [row] = lock ? await query.for("update") : await query;
  return row!;
}

/** The shopper's wallet in `currency`, locked; undefined when they never had one. */
export async function lockWallet(ex: Executor, userId: string, currency: string): Promise<AccountRow | undefined> {
  const [row] = await ex
    .select()
    .from(accounts)
    .where(ownedBy("wallet", userId, currency))
    .for("update");
  return row;
}

/** Inserts the entry unless one of its kind and reference exists; false then (posted before). */
export async function insertEntry(ex: Executor, e: NewEntry): Promise<boolean> {
  const rows = await ex.insert(entries).values(e).onConflictDoNothing().returning({ id: entries.id });
  return rows.length > 0;
}

export async function insertPostings(ex: Executor, entryId: string, legs: { accountId: string; amountMinor: number }[]): Promise<void> {
  await ex.insert(postings).values(legs.map((l) => ({ id: v7(), entryId, ...l })));
}

export async function walletsOf(ex: Executor, userId: string): Promise<AccountRow[]> {
  return ex
    .select()
    .from(accounts)
    .where(and(eq(accounts.kind, "wallet"), eq(accounts.userId, userId)))
    .orderBy(accounts.currency);
}

export interface MovementRow {
  seq: number;
  id: string;
  kind: EntryKind;
  amountMinor: number;
  currency: string;
  balanceAfterMinor: number;
  reference: string;
  orderId: string | null;
  createdAt: Date;
}

/** The shopper's wallet postings, newest first, before `beforeSeq` when given. */
export async function walletMovements(ex: Executor, userId: string, opts: { currency?: string; beforeSeq?: number; limit: number }): Promise<MovementRow[]> {
  const rows = await ex
    .select({
      seq: postings.seq,
      id: postings.id,
      kind: entries.kind,
      amountMinor: postings.amountMinor,
      currency: accounts.currency,
      balanceAfterMinor: postings.balanceAfterMinor,
      reference: entries.reference,
      orderId: entries.orderId,
      createdAt: postings.createdAt,
    })
    .from(postings)
    .innerJoin(accounts, eq(accounts.id, postings.accountId))
    .innerJoin(entries, eq(entries.id, postings.entryId))
    .where(
      and(
        eq(accounts.kind, "wallet"),
        eq(accounts.userId, userId),
        opts.currency ? eq(accounts.currency, opts.currency) : undefined,
        opts.beforeSeq !== undefined ? lt(postings.seq, opts.beforeSeq) : undefined,
      ),
    )
    .orderBy(desc(postings.seq))
    .limit(opts.limit);
  return rows.map((r) => ({ ...r, balanceAfterMinor: r.balanceAfterMinor ?? 0 }));
}

export interface LedgerFigures {
  sums: { currency: string; sumMinor: number }[];
  entries: number;
  unbalancedEntries: number;
  negativeWallets: number;
  driftedWallets: number;
}

/** The whole ledger's invariants, read in one statement (one snapshot). */
export async function ledgerFigures(ex: Executor): Promise<LedgerFigures> {
  const result = await ex.execute<{
    sums: { currency: string; sum: string }[] | null;
    entries: string;
    unbalanced: string;
    negative: string;
    drifted: string;
  }>(sql`
    select
      (select json_agg(json_build_object('currency', currency, 'sum', total::text) order by currency)
         from (select a.currency, sum(p.amount_minor) as total from ledger_postings p join ledger_accounts a on a.id = p.account_id group by a.currency) s) as sums,
      (select count(*) from ledger_entries) as entries,
      (select count(*) from ledger_entries e
         where (select coalesce(sum(amount_minor), 0) from ledger_postings p where p.entry_id = e.id) <> 0) as unbalanced,
      (select count(*) from ledger_accounts where kind = 'wallet' and balance_minor < 0) as negative,
      (select count(*) from ledger_accounts a where a.kind = 'wallet'
         and a.balance_minor <> (select coalesce(sum(amount_minor), 0) from ledger_postings p where p.account_id = a.id)) as drifted`);
  const row = result.rows[0]!;
  return {
    sums: (row.sums ?? []).map((s) => ({ currency: s.currency, sumMinor: Number(s.sum) })),
    entries: Number(row.entries),
    unbalancedEntries: Number(row.unbalanced),
    negativeWallets: Number(row.negative),
    driftedWallets: Number(row.drifted),
  };
}
