// The wallet ledger's rules as data: which accounts each kind of movement moves money between.
// Every entry is built here from one amount, so its postings sum to zero by construction (the
// database checks it again at commit).

export type AccountKind = "wallet" | "provider_clearing" | "sales" | "refunds";
export type EntryKind = "top_up" | "payment" | "refund";

/** The provider name a wallet payment carries. */
export const walletProvider = "wallet";

export interface Leg {
  account: AccountKind;
  /** +1 credits the account by the amount, -1 debits it. */
  sign: 1 | -1;
}

/** Where each movement takes the money from and where it puts it. */
export const entryLegs: Record<EntryKind, readonly [Leg, Leg]> = {
  // The provider took the shopper's money: it is owed to the wallet.
  top_up: [
    { account: "provider_clearing", sign: -1 },
    { account: "wallet", sign: 1 },
  ],
  payment: [
    { account: "wallet", sign: -1 },
    { account: "sales", sign: 1 },
  ],
  refund: [
    { account: "refunds", sign: -1 },
    { account: "wallet", sign: 1 },
  ],
};
