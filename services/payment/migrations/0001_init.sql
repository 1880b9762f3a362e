-- Payments of orders, their status history, refunds, and the provider webhooks applied.

create table payments (
  id uuid primary key,
  order_id uuid not null,
  -- Shown on the provider's page (the order service's human-readable number).
  order_number text not null,
  user_id uuid not null,
  provider text not null,
  status text not null,
  amount_minor bigint not null,
  currency text not null,
  -- The provider's hosted page while pending, and its own id of the payment.
  checkout_url text not null default '',
  provider_reference text not null default '',
  failure_reason text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint payments_status_known check (status in ('PENDING', 'SUCCEEDED', 'FAILED', 'REFUND_PENDING', 'REFUNDED')),
  constraint payments_amount_positive check (amount_minor > 0),
  constraint payments_currency_code check (currency ~ '^[A-Z]{3}$')
);
-- At most one pending payment per order: two CreatePayment calls at once get the same one.
create unique index payments_one_pending_per_order on payments (order_id) where status = 'PENDING';
create index payments_order on payments (order_id, id);

create table payment_status_history (
  id bigint generated always as identity primary key,
  payment_id uuid not null references payments (id),
  from_status text,
  to_status text not null,
  -- The user id, "provider:<name>" or "order-service".
  actor text not null,
  reason text not null,
  created_at timestamptz not null default now()
);
create index payment_status_history_payment on payment_status_history (payment_id, id);

-- One refund per payment, always of the full amount.
create table refunds (
  id uuid primary key,
  payment_id uuid not null references payments (id),
  amount_minor bigint not null,
  reason text not null,
  status text not null,
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  constraint refunds_one_per_payment unique (payment_id),
  constraint refunds_status_known check (status in ('pending', 'succeeded')),
  constraint refunds_amount_positive check (amount_minor > 0)
);

-- Every provider event applied (or seen and ignored), written in the transaction of its change:
-- a redelivered or replayed event finds its id here and changes nothing.
create table webhook_events (
  provider text not null,
  event_id text not null,
  type text not null,
  payment_id uuid not null,
  -- "applied", or "ignored" when the payment was past the state the event moves it from.
  outcome text not null,
  received_at timestamptz not null default now(),
  primary key (provider, event_id)
);
