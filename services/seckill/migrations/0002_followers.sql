-- Shoppers following a flash sale: each is told once (seckill.sale_starting) shortly before the start.
create table sale_followers (
  sale_id uuid not null references sales (id),
  user_id uuid not null,
  created_at timestamptz not null default now(),
  notified_at timestamptz,
  primary key (sale_id, user_id)
);
create index sale_followers_pending on sale_followers (sale_id) where notified_at is null;
