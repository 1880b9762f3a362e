-- Stock per SKU and the record of every change to it.

-- Available (on_hand - reserved) can never go negative: the database refuses it, whatever the code
-- does, so concurrent writers (admins now, checkout's reservations later) cannot oversell.
create table stock (
  sku_id uuid primary key,
  on_hand integer not null default 0,
  reserved integer not null default 0,
  updated_at timestamptz not null default now(),
  constraint stock_on_hand_nonnegative check (on_hand >= 0),
  constraint stock_reserved_nonnegative check (reserved >= 0),
  constraint stock_available_nonnegative check (on_hand - reserved >= 0),
  -- Well inside int32, so a count always fits the API's int32 fields.
  constraint stock_on_hand_max check (on_hand <= 1000000000)
);

create table stock_movements (
  id uuid primary key,
  sku_id uuid not null,
  on_hand_delta integer not null,
  reserved_delta integer not null default 0,
  reason text not null,
  -- The admin's user id, or the name of the service that made the change.
  actor text not null,
  created_at timestamptz not null default now()
);
-- ListMovements: newest first per SKU (ids are UUIDv7, so id order is time order).
create index stock_movements_sku on stock_movements (sku_id, id desc);
