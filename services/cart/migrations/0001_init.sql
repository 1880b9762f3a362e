-- Carts and their lines (the PostgreSQL adapter of the cart store; with SHOP_REDIS_URL set, carts
-- live in Redis instead). A cart's key is `u:<user id>` (a shopper's cart) or `g:<token>` (a guest
-- cart, which expires unused).
create table carts (
  key text primary key,
  updated_at timestamptz not null default now(),
  -- Guest carts only: gone (unreadable, then swept) after this.
  expires_at timestamptz,
  constraint carts_key_shape check (key ~ '^(u:[0-9a-f-]{36}|g:[A-Za-z0-9_-]{22,64})$'),
  constraint carts_guest_expires check ((key like 'g:%') = (expires_at is not null))
);
create index carts_expiry on carts (expires_at) where expires_at is not null;

-- The limits the database itself holds under concurrent writers: 1..99 units a line, one line per
-- SKU a cart. (The 100 lines a cart and the stock cap are checked with the cart's row locked.)
create table cart_lines (
  cart_key text not null references carts (key) on delete cascade,
  sku_id uuid not null,
  quantity integer not null,
  selected boolean not null default true,
  added_price_minor bigint not null,
  currency char(3) not null,
  added_at timestamptz not null default now(),
  primary key (cart_key, sku_id),
  constraint cart_lines_quantity check (quantity between 1 and 99),
  constraint cart_lines_price check (added_price_minor >= 0)
);
