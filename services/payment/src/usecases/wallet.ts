// What a shopper reads of their wallet (balances, the statement page by page) and the admin's
// check of the whole ledger. Reads only.
import { decodePageToken, encodePageToken, queryFingerprint } from "@shop/kit/page-token";
import { ledgerFigures, walletMovements, walletsOf, type LedgerFigures, type MovementRow } from "../repo/ledger.ts";
import type { Deps } from "./deps.ts";

const defaultPageSize = 20;
const maxPageSize = 100;

export async function getWallet(d: Deps, userId: string): Promise<{ currency: string; balanceMinor: number }[]> {
  return (await walletsOf(d.db, userId)).map((a) => ({ currency: a.currency, balanceMinor: a.balanceMinor }));
}

/** Newest first; the cursor is the last posting's sequence number (its order under the wallet's lock). */
export async function walletStatement(
  d: Deps,
  userId: string,
  input: { currency: string; pageSize: number; pageToken: string },
): Promise<{ movements: MovementRow[]; nextPageToken: string }> {
  const limit = Math.min(input.pageSize || defaultPageSize, maxPageSize);
  const fingerprint = queryFingerprint({ currency: input.currency });
  const after = decodePageToken(input.pageToken, fingerprint, "integer");
  const rows = await walletMovements(d.db, userId, { currency: input.currency || undefined, beforeSeq: after?.key as number | undefined, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { movements: page, nextPageToken: rows.length > limit && last ? encodePageToken(fingerprint, { key: last.seq, id: last.id }) : "" };
}

export async function checkLedger(d: Deps): Promise<LedgerFigures & { balanced: boolean }> {
  const f = await ledgerFigures(d.db);
  const balanced = f.sums.every((s) => s.sumMinor === 0) && f.unbalancedEntries === 0 && f.negativeWallets === 0 && f.driftedWallets === 0;
  return { ...f, balanced };
}
