-- Shipments of shipped orders, their tracking timeline, the webhook deliveries seen (replay
-- protection) and the sandbox carrier's scheduled tracking events.

create table shipments (
  id uuid primary key,
  order_id uuid not null,
  order_number text not null,
  user_id uuid not null,
  carrier text not null,
  tracking_number text not null,
  -- The carrier integration that tracks it (the webhook path's name).
  provider text not null,
  status text not null,
  shipped_at timestamptz not null,
  delivered_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- One shipment per order: a redelivered SHIPPED event finds it.
  constraint shipments_one_per_order unique (order_id),
  constraint shipments_status_known check (status in ('CREATED', 'PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED')),
  constraint shipments_delivered_at check ((status = 'DELIVERED') = (delivered_at is not null))
);

-- Every step of a shipment, as the carrier reported it (late ones too): the timeline.
create table tracking_events (
  id bigint generated always as identity primary key,
  shipment_id uuid not null references shipments (id),
  provider text not null,
  -- The carrier's event id: another delivery of the same event finds it and records nothing.
  event_id text not null,
  status text not null,
  location text not null,
  description text not null,
  occurred_at timestamptz not null,
  received_at timestamptz not null default now(),
  constraint tracking_events_once unique (provider, event_id),
  constraint tracking_events_status_known check (status in ('CREATED', 'PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED'))
);
create index tracking_events_shipment on tracking_events (shipment_id, occurred_at, id);

-- Signatures of the webhook deliveries accepted within the replay window: the same delivery sent
-- again (captured and replayed) is refused. Older rows are pruned: the timestamp check refuses those.
create table webhook_deliveries (
  signature text primary key,
  received_at timestamptz not null default now()
);
create index webhook_deliveries_age on webhook_deliveries (received_at);

-- The sandbox carrier's own state (it stands in for a carrier's systems): the tracking events it
-- will report, each at its time, sent as a signed webhook until answered (or given up: done_at).
-- A round takes due rows with a short lease (next_attempt_at moved on), so a crash resends them.
create table sandbox_carrier_events (
  id text primary key,
  shipment_id uuid not null,
  tracking_number text not null,
  status text not null,
  location text not null,
  description text not null,
  occurred_at timestamptz not null,
  next_attempt_at timestamptz not null,
  attempts integer not null default 0,
  done_at timestamptz,
  constraint sandbox_carrier_events_once unique (shipment_id, status)
);
create index sandbox_carrier_events_due on sandbox_carrier_events (next_attempt_at) where done_at is null;
