-- Flash sales, the tickets won in them (with the record of every ticket's status change), the
-- service's own settings (the attempt tokens' HMAC key) and the PostgreSQL profile's gate.

-- Keys every instance must share, generated at first start when not configured.
create table settings (
  key text primary key,
  value text not null
);

-- A sale: its SKU's snapshot at scheduling time, the price and window. Its status is derived:
-- SCHEDULED before starts_at, ACTIVE until ends_at, ENDED after it or once ended_at is set (by an
-- admin, or by the sweeper). Its unsold units go back to the SKU's stock (released_at) once every
-- won ticket became an order (which took its unit from the sale's reservation) or a grace period
-- has passed.
create table sales (
  id uuid primary key,
  sku_id uuid not null,
  product_id uuid not null,
  title text not null,
  image text not null,
  specs jsonb not null,
  currency text not null,
  sale_price_minor bigint not null,
  regular_price_minor bigint not null,
  quantity integer not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  ended_at timestamptz,
  end_reason text,
  released_at timestamptz,
  created_by text not null,
  created_at timestamptz not null default now(),
  constraint sales_price_below_regular check (sale_price_minor >= 0 and sale_price_minor < regular_price_minor),
  constraint sales_quantity_positive check (quantity >= 1),
  constraint sales_window check (ends_at > starts_at)
);
-- The public list (not ended, soonest first) and the sweeper (not released, past their end).
create index sales_open on sales (ends_at) where released_at is null;

-- A won attempt: one per shopper and sale, whatever the retries, instances or redeliveries. The
-- ticket id is the id of the order made from it.
create table tickets (
  id uuid primary key,
  sale_id uuid not null references sales (id),
  user_id uuid not null,
  address_id uuid not null,
  -- The transitions are src/domain/ticket.ts.
  status text not null,
  -- FAILED: why.
  reason text not null default '',
  -- Its unit went back to the sale (an order cancelled unpaid, or failed): a gate rebuilt from
  -- these rows counts it as left.
  unit_returned boolean not null default false,
  won_at timestamptz not null,
  updated_at timestamptz not null default now(),
  constraint tickets_one_per_shopper unique (sale_id, user_id),
  constraint tickets_status_known check (status in ('QUEUED', 'ORDERED', 'PAID', 'CANCELLED', 'FAILED'))
);

create table ticket_history (
  id uuid primary key,
  ticket_id uuid not null references tickets (id),
  from_status text,
  to_status text not null,
  actor text not null,
  reason text not null,
  at timestamptz not null default now()
);
create index ticket_history_ticket on ticket_history (ticket_id);

-- The gate of the PostgreSQL profile (the Redis profile keeps the same in Redis): units left per
-- sale, decided by a conditional UPDATE in the attempt's transaction.
create table gate_sales (
  sale_id uuid primary key,
  remaining integer not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  ended boolean not null default false,
  constraint gate_sales_remaining_non_negative check (remaining >= 0)
);

-- Tickets whose unit went back to the gate: a redelivered cancellation gives nothing back twice.
create table gate_returns (
  ticket_id uuid primary key,
  at timestamptz not null default now()
);
