// The one way money moves in the ledger: an entry of one kind, built from the kind's legs (so it
// balances by construction), posted once per reference, in the caller's transaction. The wallet is
// locked first, so its postings (and the balances they record) follow one another in order and a
// payment sees the balance no other payment can spend meanwhile.
import type { Tx } from "@shop/kit/db";
import { v7 } from "uuid";
import { insufficientBalance } from "../domain/errors.ts";
import { entryLegs, type EntryKind } from "../domain/ledger.ts";
import { account, insertEntry, insertPostings, lockWallet } from "../repo/ledger.ts";

export interface Movement {
  kind: EntryKind;
  /** The top-up's, payment's or refund's id: an entry is posted at most once per (kind, reference). */
  reference: string;
  orderId?: string;
  userId: string;
  currency: string;
  amountMinor: number;
}

/** Posts `m`; false when it was posted before. A payment beyond the balance is INSUFFICIENT_BALANCE, and nothing is written. */
export async function postMovement(tx: Tx, m: Movement): Promise<boolean> {
  if (!Number.isSafeInteger(m.amountMinor) || m.amountMinor <= 0) throw new Error(`ledger amount must be a positive integer, got ${m.amountMinor}`);
  const legs = entryLegs[m.kind];
  const debitsWallet = legs.some((l) => l.account === "wallet" && l.sign < 0);
  const wallet = debitsWallet ? await lockWallet(tx, m.userId, m.currency) : await account(tx, "wallet", m.userId, m.currency, true);
  if (!wallet || (debitsWallet && wallet.balanceMinor < m.amountMinor))
    throw insufficientBalance({ balanceMinor: wallet?.balanceMinor ?? 0, currency: m.currency }, m.amountMinor);
  const entryId = v7();
  if (!(await insertEntry(tx, { id: entryId, kind: m.kind, reference: m.reference, orderId: m.orderId ?? null, currency: m.currency }))) return false;
  const postings = [];
  for (const leg of legs) {
    const accountId = leg.account === "wallet" ? wallet.id : (await account(tx, leg.account, null, m.currency)).id;
    postings.push({ accountId, amountMinor: leg.sign * m.amountMinor });
  }
  await insertPostings(tx, entryId, postings);
  return true;
}
