// The gate: the one atomic step of an attempt (within the window, not ended, this shopper holds no
// ticket, a unit left: take it and record the ticket). Two adapters with one contract
// (test/gate-contract.test.ts): Redis (a Lua script; won tickets wait in a list for the drainer,
// which writes them to PostgreSQL) and PostgreSQL (one transaction that also writes the ticket and
// its event).

/** A sale as the gate knows it. `remaining` and `holders` are only used when the gate has no entry yet. */
export interface GateSale {
  saleId: string;
  startsAt: Date;
  endsAt: Date;
  ended: boolean;
  remaining: number;
  /** Shoppers who hold a ticket already (user id → ticket id), including those whose unit went back. */
  holders: Map<string, string>;
  /** Tickets whose unit went back already. */
  returned: string[];
}

/** A won attempt, as recorded: everything the won-attempt event says, plus the attempt's trace. */
export interface Win {
  ticketId: string;
  saleId: string;
  userId: string;
  addressId: string;
  skuId: string;
  salePriceMinor: number;
  currency: string;
  wonAtMs: number;
  /** The attempt's trace context (W3C headers), so the event continues its trace. */
  trace: Record<string, string>;
}

export type GateOutcome =
  | { outcome: "WON"; ticketId: string }
  | { outcome: "HELD"; ticketId: string }
  | { outcome: "SOLD_OUT" }
  | { outcome: "NOT_STARTED" }
  | { outcome: "ENDED" }
  /** The gate has no entry for the sale (Redis lost it): load it and try again. */
  | { outcome: "MISSING" };

export interface Gate {
  readonly kind: "redis" | "postgres";
  /** Makes the sale's entry unless the gate has one; an entry there keeps its counts. */
  load(sale: GateSale): Promise<void>;
  /** `win` is the ticket to record if the attempt wins (its ticket id is fresh). */
  attempt(win: Win): Promise<GateOutcome>;
  /** Closes the sale to attempts. */
  end(saleId: string): Promise<void>;
  /** A ticket's unit goes back to the sale: once per ticket, however often asked. */
  giveBack(saleId: string, ticketId: string): Promise<void>;
  /** Units left, for the sales the gate has an entry of. */
  remaining(saleIds: string[]): Promise<Map<string, number>>;
  /** The shopper's ticket id, when they hold one (drained or not). */
  ticketOf(saleId: string, userId: string): Promise<string | undefined>;
  /** Every shopper holding a ticket of the sale (small: at most the sale's quantity plus returns). */
  holders(saleId: string): Promise<Map<string, string>>;
  /** Won tickets not yet in PostgreSQL (always 0 for the PostgreSQL gate). */
  queueDepth(): Promise<number>;
  close(): Promise<void>;
}
