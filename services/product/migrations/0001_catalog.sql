-- Categories (a tree), products (SPU) and their SKUs. Money is an integer count of minor units.
-- Times that page tokens carry are kept to the millisecond, the precision a JavaScript Date holds.

create table categories (
  id uuid primary key,
  parent_id uuid references categories (id),
  name text not null,
  sort_order integer not null default 0,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now(),
  check (parent_id is distinct from id)
);
-- Sibling names are unique case-insensitively; top-level categories share the nil parent.
create unique index categories_sibling_name on categories (coalesce(parent_id, '00000000-0000-0000-0000-000000000000'), lower(name));
create index categories_parent on categories (parent_id);

create table products (
  id uuid primary key,
  title text not null,
  subtitle text not null default '',
  description text not null default '',
  brand text not null default '',
  category_id uuid not null references categories (id),
  images text[] not null default '{}',
  -- [{"key": ..., "value": ...}] in display order.
  attributes jsonb not null default '[]',
  status text not null default 'draft' check (status in ('draft', 'on_sale', 'off_sale')),
  -- The cheapest SKU's price and compare-at price, and the SKUs' one currency; kept by every SKU
  -- write (null without SKUs), so that lists filter and sort without touching skus.
  price_minor bigint,
  compare_at_price_minor bigint,
  currency text,
  -- Units sold; kept by the order flow.
  sales_count bigint not null default 0 check (sales_count >= 0),
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now(),
  -- The first time it went on sale: the "newest" sort.
  published_at timestamptz(3),
  -- The database, not only the code, keeps a product on sale sellable.
  constraint products_on_sale_has_sku check (status <> 'on_sale' or (price_minor is not null and published_at is not null))
);
-- One index per public sort, each only over what is listed, in the keyset order.
create index products_newest on products (published_at desc, id desc) where status = 'on_sale';
create index products_price on products (price_minor, id) where status = 'on_sale';
create index products_best_selling on products (sales_count desc, id desc) where status = 'on_sale';
create index products_category on products (category_id);
create index products_brand on products (lower(brand)) where status = 'on_sale';
create index products_status on products (status, id);

create table skus (
  id uuid primary key,
  product_id uuid not null references products (id) on delete cascade,
  code text not null default '',
  -- [{"key": "colour", "value": "red"}] in display order.
  specs jsonb not null default '[]',
  price_minor bigint not null check (price_minor > 0),
  compare_at_price_minor bigint check (compare_at_price_minor >= price_minor),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now()
);
create unique index skus_code on skus (code) where code <> '';
create index skus_product on skus (product_id, id);
