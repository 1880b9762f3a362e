-- Orders, their lines (snapshots taken at checkout), and the record of every status change.

-- Order numbers: yyyymmdd-<this sequence>, unique whatever the day.
create sequence order_number_seq;

create table orders (
  id uuid primary key,
  number text not null unique,
  user_id uuid not null,
  -- The shopper's Idempotency-Key of PlaceOrder: one order per key and user, whatever the retries.
  idempotency_key text not null,
  status text not null,
  -- Where the checkout saga is (domain/saga.ts): the next step to run while PENDING.
  saga_step text not null,
  currency text not null,
  subtotal_minor bigint not null,
  shipping_fee_minor bigint not null,
  discount_minor bigint not null default 0,
  total_minor bigint not null,
  address jsonb not null,
  note text not null default '',
  -- Why the saga failed: the error the shopper got, kept so a retry with the same key gets it again.
  failure_kind text,
  failure_code text,
  failure_message text,
  failure_metadata jsonb,
  payment_deadline timestamptz,
  payment_id text,
  paid_at timestamptz,
  carrier text,
  tracking_number text,
  shipped_at timestamptz,
  completed_at timestamptz,
  cancelled_at timestamptz,
  cancel_reason text,
  refund_status text not null default 'NONE',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint orders_user_idempotency_key unique (user_id, idempotency_key),
  constraint orders_status check (status in ('PENDING', 'AWAITING_PAYMENT', 'PAID', 'SHIPPED', 'COMPLETED', 'CANCELLED', 'FAILED')),
  constraint orders_refund_status check (refund_status in ('NONE', 'PENDING', 'REFUNDED')),
  constraint orders_amounts check (subtotal_minor >= 0 and shipping_fee_minor >= 0 and discount_minor >= 0 and total_minor >= 0),
  constraint orders_total check (total_minor = subtotal_minor + shipping_fee_minor - discount_minor)
);
-- ListMyOrders: a user's orders newest first (ids are UUIDv7: id order is time order).
create index orders_user on orders (user_id, id desc);
create index orders_status on orders (status, id desc);
-- The sweeper: unpaid orders past their deadline, checkouts stuck in PENDING.
create index orders_payment_deadline on orders (payment_deadline) where status = 'AWAITING_PAYMENT';
create index orders_pending on orders (updated_at) where status = 'PENDING';

create table order_lines (
  order_id uuid not null references orders (id) on delete cascade,
  position integer not null,
  sku_id uuid not null,
  product_id uuid not null,
  title text not null,
  image text not null,
  specs jsonb not null,
  unit_price_minor bigint not null,
  quantity integer not null,
  subtotal_minor bigint not null,
  discount_minor bigint not null default 0,
  primary key (order_id, position),
  constraint order_lines_quantity check (quantity > 0),
  constraint order_lines_subtotal check (subtotal_minor = unit_price_minor * quantity)
);

create table order_status_history (
  id uuid primary key,
  order_id uuid not null references orders (id) on delete cascade,
  -- Null for the order's creation.
  from_status text,
  to_status text not null,
  -- A user id, or "system:<what>".
  actor text not null,
  reason text not null,
  at timestamptz not null default now()
);
create index order_status_history_order on order_status_history (order_id, id);
