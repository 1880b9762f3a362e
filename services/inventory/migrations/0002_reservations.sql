-- Stock held for an order between placing and paying it. The order id is the key: every call of
-- the order service is idempotent by it. stock.reserved is always the sum of the quantities of
-- the OPEN reservations' lines (the invariant checker, src/repo/invariant.ts, verifies it).
create table reservations (
  order_id uuid primary key,
  -- The transitions (OPEN -> COMMITTED, OPEN -> RELEASED) are src/domain/reservation.ts.
  status text not null,
  expires_at timestamptz not null,
  -- Who made the last status change and why (each change of stock is also a movement; these
  -- record the cause where none is, e.g. a release of an order never reserved).
  changed_by text not null,
  change_reason text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint reservations_status_known check (status in ('open', 'committed', 'released'))
);
-- The sweeper's look: open reservations past their expiry, oldest first.
create index reservations_open_expiry on reservations (expires_at) where status = 'open';

create table reservation_lines (
  order_id uuid not null references reservations (order_id),
  sku_id uuid not null,
  quantity integer not null,
  -- One line per SKU: a request naming a SKU twice is refused before it gets here.
  primary key (order_id, sku_id),
  constraint reservation_lines_quantity_positive check (quantity >= 1)
);
-- The invariant: what is reserved per SKU.
create index reservation_lines_sku on reservation_lines (sku_id);
