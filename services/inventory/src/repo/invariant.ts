// The inventory's invariant, checked from the outside (whole-system and chaos tests) on the
// service's database, in one statement (one snapshot, so it holds mid-traffic too). Per SKU:
// - on_hand is the sum of its movements' on_hand_delta (deliveries, write-offs, stock takes as
//   their delta, units sold, units of a cancelled order put back);
// - reserved is the sum of its movements' reserved_delta, and the quantity of its OPEN reservations
//   (a reservation drawn from another moves units between their lines: the parent's remaining lines
//   and the child's both count, and no movement is needed since reserved does not change);
// - available (on_hand - reserved) is not negative.
// A SKU without a stock row counts as zero.

/** Anything that runs a query: a pg Client or Pool, or a Db's `$client`. */
export interface Queryable {
  query(text: string): Promise<{ rows: unknown[] }>;
}

export interface Violation {
  skuId: string;
  rule: "on_hand_matches_movements" | "reserved_matches_movements" | "reserved_matches_open_reservations" | "available_nonnegative";
  expected: number;
  actual: number;
}

interface Levels {
  sku_id: string;
  on_hand: number;
  reserved: number;
  moved_on_hand: number;
  moved_reserved: number;
  held: number;
}

const levels = `
  with moved as (
    select sku_id, sum(on_hand_delta)::int as on_hand, sum(reserved_delta)::int as reserved from stock_movements group by sku_id
  ), held as (
    select l.sku_id, sum(l.quantity)::int as reserved
    from reservation_lines l join reservations r on r.order_id = l.order_id
    where r.status = 'open' group by l.sku_id
  )
  select sku_id::text,
         coalesce(s.on_hand, 0) as on_hand, coalesce(s.reserved, 0) as reserved,
         coalesce(m.on_hand, 0) as moved_on_hand, coalesce(m.reserved, 0) as moved_reserved,
         coalesce(h.reserved, 0) as held
  from stock s full join moved m using (sku_id) full join held h using (sku_id)`;

/** Every violation of the invariant; empty when it holds. */
export async function inventoryViolations(db: Queryable): Promise<Violation[]> {
  const { rows } = await db.query(levels);
  return (rows as Levels[]).flatMap((r) => {
    const found: Violation[] = [];
    const check = (rule: Violation["rule"], expected: number, actual: number, ok = expected === actual) => {
      if (!ok) found.push({ skuId: r.sku_id, rule, expected, actual });
    };
    check("on_hand_matches_movements", r.moved_on_hand, r.on_hand);
    check("reserved_matches_movements", r.moved_reserved, r.reserved);
    check("reserved_matches_open_reservations", r.held, r.reserved);
    check("available_nonnegative", 0, r.on_hand - r.reserved, r.on_hand >= r.reserved);
    return found;
  });
}
